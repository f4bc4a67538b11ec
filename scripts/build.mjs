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
// It also makes dist/pglite-template.tar.gz once per PGlite release: an empty, initialised
// embedded database, which a first start copies instead of running initdb (seconds, and
// hundreds of MB of WebAssembly memory that is never given back).
//
// Dependencies stay in node_modules (not bundled). Files the code reads beside itself (SQL
// migrations, stylesheets, browser scripts, the password list, content/) are read from where
// they are in the checkout: every module's `import.meta.url` is rewritten to its source file's
// address, computed from the bundle's own location at run time.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const STAMP = join(dist, 'build-stamp.json');
const ENTRIES = {
  server: 'src/entry/server.ts',
  clinic: 'src/entry/clinic.ts',
  'server-main': 'src/server.ts',
  'clinic-main': 'src/cli/main.ts',
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

const TEMPLATE = join(dist, 'pglite-template.tar.gz');
const TEMPLATE_STAMP = join(dist, 'pglite-template.json');

function pgliteVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'))
    .version;
}

/** The embedded database's template: initdb once, in memory, dumped as a tarball. */
async function buildTemplate(version) {
  const started = performance.now();
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create();
  const dump = await pglite.dumpDataDir('gzip');
  await pglite.close();
  mkdirSync(dist, { recursive: true });
  writeAtomically(TEMPLATE, new Uint8Array(await dump.arrayBuffer()));
  writeAtomically(TEMPLATE_STAMP, `${JSON.stringify({ pglite: version })}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`Made the embedded database template (PGlite ${version}) in ${seconds} s\n`);
}

function templateVersion() {
  try {
    return existsSync(TEMPLATE) ? JSON.parse(readFileSync(TEMPLATE_STAMP, 'utf8')).pglite : undefined;
  } catch {
    return undefined;
  }
}

const always = !process.argv.includes('--if-stale');
const hash = inputHash();
if (always || builtHash() !== hash) await build(hash);
const pglite = pgliteVersion();
if (always || templateVersion() !== pglite) await buildTemplate(pglite);
