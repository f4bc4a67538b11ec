// `node dist/server.js`: the first thing a start does is check the Node version, in a file that
// imports nothing else, so too old a Node stops with a message instead of failing to load the
// server's modules with an error that does not say why. The server is loaded only after.
import { nodeVersionProblem } from '../lib/node-version.ts';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
} else {
  void import('../server.ts');
}
