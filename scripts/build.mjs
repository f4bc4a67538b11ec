// The production build: src/server.ts → dist/server-main.js and src/cli/main.ts →
// dist/clinic-main.js, bundled by esbuild; dist/server.js and dist/clinic.js are the small entries
// (src/entry/) that check the Node version before they load those. So `npm start` and
// `npm run clinic` run plain node (no TypeScript loader, nothing left between a supervisor and
// the server). Plain JavaScript, so it runs before any
// build exists.
//
//   node scripts/build.mjs              build now
//   node scripts/build.mjs --if-stale   build only when dist/ is missing or older than src/
//
// It also makes dist/pglite-template/ when PGlite or a migration changed: an embedded database
// made by initdb and migrated, which a first start copies instead of running initdb and every
// migration (seconds, and hundreds of MB of WebAssembly memory that is never given back).
//
// Dependencies stay in node_modules (not bundled). Files the code reads beside itself (SQL
// migrations, stylesheets, browser scripts, the password list, content/) are read from where
// they are in the checkout: every module's `import.meta.url` is rewritten to its source file's
// address, computed from the bundle's own location at run time.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const STAMP = join(dist, 'build-stamp.json');
const ENTRIES = {
  server: 'src/entry/server.ts',
  clinic: 'src/entry/clinic.ts',
  'server-main': 'src/server.ts',
  'clinic-main': 'src/cli/main.ts',
  'make-template': 'src/db/make-template.ts',
};
/** What each small entry loads once the Node version is known to be good: its bundle, not bundled in. */
const ENTRY_TARGETS = { '../server.ts': './server-main.js', '../cli/main.ts': './clinic-main.js' };
const EXTERNAL = [
  '@electric-sql/pglite',
  '@electric-sql/pglite/*',
  'esbuild',
  '@node-rs/argon2',
  'pg-native',
];

/** Every file the bundles are made from: non-test TypeScript under src/, the manifest, this script. */
function inputs() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) files.push(path);
    }
  };
  walk(join(root, 'src'));
  files.sort();
  return [...files, join(root, 'package.json'), fileURLToPath(import.meta.url)];
}

/** One hash of the inputs' paths and contents: the build is stale when it differs. */
function inputHash() {
  const hash = createHash('sha256');
  for (const file of inputs()) hash.update(relative(root, file)).update('\0').update(readFileSync(file));
  return hash.digest('hex');
}

function builtHash() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8')).inputs;
  } catch {
    return undefined;
  }
}

/** Writes a file by rename, so a server starting meanwhile never reads half a bundle. */
function writeAtomically(path, contents) {
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, contents);
  renameSync(partial, path);
}

/** esbuild plugin: each source module's import.meta.url names its own file in src/, not the bundle. */
const sourceUrls = {
  name: 'source-urls',
  setup(build) {
    const entries = new Set(Object.values(ENTRIES).map((e) => join(root, e)));
    build.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, (args) => {
      let contents = readFileSync(args.path, 'utf8');
      // An entry keeps the bundle's own URL: cli/main.ts compares it with process.argv[1].
      if (!entries.has(args.path) && contents.includes('import.meta.url')) {
        const fromDist = JSON.stringify(relative(dist, args.path).split('\\').join('/'));
        contents = contents.replaceAll('import.meta.url', `new URL(${fromDist}, import.meta.url).href`);
      }
      return { contents, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

/** esbuild plugin: an entry's import of the server or the CLI stays an import of their bundle. */
const entryTargets = {
  name: 'entry-targets',
  setup(build) {
    const entryDir = join(root, 'src', 'entry');
    build.onResolve({ filter: /^\.\.\/(server|cli\/main)\.ts$/ }, (args) =>
      dirname(args.importer) === entryDir ? { path: ENTRY_TARGETS[args.path], external: true } : undefined,
    );
  },
};

async function build(hash) {
  const started = performance.now();
  const { build: esbuild } = await import('esbuild');
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir: dist,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    // Dependencies are bundled too: one file to load instead of hundreds (module resolution and
    // compilation were a third of a start). Those that find files beside themselves at run time
    // (PGlite's WebAssembly, esbuild's binary, argon2's native addon) stay in node_modules.
    external: EXTERNAL,
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    write: false,
    logLevel: 'warning',
    plugins: [entryTargets, sourceUrls],
  });
  mkdirSync(dist, { recursive: true });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  writeAtomically(STAMP, `${JSON.stringify({ inputs: hash, version, builtAt: new Date().toISOString() })}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`Built dist/ (Clinic Site ${version}) in ${seconds} s\n`);
}

/**
 * The embedded database's template (src/db/pglite-template.ts), made by the bundle built above:
 * remade when PGlite or a migration changed. The tarball an older build made is removed.
 */
async function buildTemplate() {
  const started = performance.now();
  const { makeTemplateIfStale } = await import(pathToFileURL(join(dist, 'make-template.js')).href);
  for (const old of ['pglite-template.tar.gz', 'pglite-template.json'])
    rmSync(join(dist, old), { force: true });
  if (!(await makeTemplateIfStale())) return;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`Made the embedded database template (initdb and every migration) in ${seconds} s\n`);
}

const always = !process.argv.includes('--if-stale');
const hash = inputHash();
if (always || builtHash() !== hash) await build(hash);
await buildTemplate();
