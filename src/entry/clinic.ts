// `node dist/clinic.js`: the command line checks the Node version first, like the server does
// (see ./server.ts), and loads the commands only after.
import { nodeVersionProblem } from '../lib/node-version.ts';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
} else {
  void import('../cli/main.ts').then((cli) => cli.runFromCommandLine());
}
