// `node dist/server.js`: the first thing a start does is check the Node version, in a file that
// imports nothing else, so too old a Node stops with a message instead of failing to load the
// server's modules with an error that does not say why. The server is loaded only after.
import module from 'node:module';
import { nodeVersionProblem } from '../lib/node-version.ts';

// From Node 22.1 the compiled bundle is kept between starts (in the system's temporary folder), so
// a later start need not compile it again; Node 20 has no such cache and starts as before.
const withCompileCache = module as { enableCompileCache?: () => unknown };

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
} else {
  withCompileCache.enableCompileCache?.();
  void import('../server.ts');
}
