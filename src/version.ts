import { readFileSync } from 'node:fs';

/** This release's version (semver, from package.json): in `clinic --version`, the start-up line and /healthz. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
