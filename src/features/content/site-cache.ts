import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { assetSet } from '../../assets/build.ts';
import type { Clinic } from '../../config/clinic.ts';
import { allBodies, type PreparedResponse } from '../../http/prepared-response.ts';
import { LOCALES, type Locale } from '../../i18n/locales.ts';
import type { ErrorKind } from '../../ui/error-page.tsx';
import type { Site } from '../../ui/site.ts';
import { CONTENT_DIR, contentIndex, loadContent, PARTIALS_DIR, type ContentPage } from './content-index.ts';
import { buildPublicSite, contentVars, ERROR_STATUS, type PublicSite } from './public-site.tsx';

/**
 * The built public site, kept between starts in one file (DATA_DIR/site-cache.bin): rendering,
 * the stylesheets and scripts, and compressing every page at the strongest settings were most of
 * a later start's work, and give the same bytes each time from the same inputs. The file is
 * used only when its key, a hash of everything that shapes the site, is this start's: the
 * content, the clinic config and its images, SITE_URL, the code and its build, Node's version.
 * A missing, stale or damaged file (a checksum covers it all) means the site is built as
 * before and the file written afresh, after the start, never failing it.
 * It holds public pages only: nothing a patient or staff member typed.
 */
export const SITE_CACHE_FILE = 'site-cache.bin';

/** Bumped when the file's layout changes. */
const FORMAT = 'clinic-site-cache 1';
const SRC_DIR = new URL('../../', import.meta.url).pathname;
const ROOT_DIR = join(SRC_DIR, '..');
/** The manifests (dependency versions) and the production build's stamp, when there is one. */
const ROOT_FILES = ['package.json', 'package-lock.json', 'dist/build-stamp.json'];

type Encoding = keyof PreparedResponse['bodies'];
const ENCODINGS: Encoding[] = ['identity', 'gzip', 'br'];
/** A prepared response with each body's place (offset, length) in the file's byte section. */
type StoredResponse = Omit<PreparedResponse, 'bodies'> & { bodies: Record<Encoding, [number, number]> };
type Header = {
  key: string;
  site: Omit<Site, 'clinic' | 'siteUrl'>;
  pages: ContentPage[];
  /** "<locale>:<name>" → the shared passage rendered, for every partial that renders cleanly. */
  partials: [string, string][];
  assetUrls: [string, string][];
  responses: [string, StoredResponse][];
  errors: [string, StoredResponse][];
};

export type LoadedSite = {
  publicSite: PublicSite;
  /** Where the site came from: the cache file, or a build (which then writes the file). */
  source: 'cache' | 'build';
  /** Settles once the file is written (at once for a site from the cache); rejects when it could not be. */
  saved: Promise<void>;
};

/** The public site from the cache file when it is current, else built (and the file rewritten). */
export async function loadPublicSite(options: {
  clinic: Clinic;
  siteUrl: string;
  cacheFile: string;
  contentDir?: string;
}): Promise<LoadedSite> {
  const { clinic, siteUrl, cacheFile } = options;
  const contentDir = options.contentDir ?? CONTENT_DIR;
  // A file the key cannot read (a missing image) leaves the build to say what is wrong.
  let key: string | undefined;
  try {
    key = cacheKey(clinic, siteUrl, contentDir);
  } catch {
    key = undefined;
  }
  const cached = key === undefined ? undefined : readSiteCache(cacheFile, key, { clinic, siteUrl, contentDir });
  if (cached) return { publicSite: cached, source: 'cache', saved: Promise.resolve() };
  const publicSite = await buildPublicSite({ clinic, siteUrl, contentDir });
  const saved =
    key === undefined
      ? Promise.resolve()
      : snapshot(publicSite, key, contentDir).then((bytes) => writeAtomically(cacheFile, bytes));
  return { publicSite, source: 'build', saved };
}

/** A hash of every input of the build: a difference in any of them means the file is stale. */
function cacheKey(clinic: Clinic, siteUrl: string, contentDir: string): string {
  const hash = createHash('sha256');
  const add = (label: string, value: string | Uint8Array) => hash.update(label).update('\0').update(value).update('\0');
  add('format', FORMAT);
  add('node', process.version);
  add('siteUrl', siteUrl);
  add('clinic', JSON.stringify(clinic));
  const images = [clinic.logo, ...clinic.physicians.flatMap((p) => [p.photo, ...(p.photoFallback ? [p.photoFallback] : [])])];
  for (const image of images) add(image, readFileSync(image));
  for (const file of filesUnder(contentDir)) add(`content/${relative(contentDir, file)}`, readFileSync(file));
  // The code that renders the pages, and the browser scripts and stylesheets built from it.
  for (const file of filesUnder(SRC_DIR).filter((f) => /\.(tsx?|css)$/.test(f) && !/\.test\.tsx?$/.test(f))) {
    add(relative(ROOT_DIR, file), readFileSync(file));
  }
  for (const name of ROOT_FILES) {
    const file = join(ROOT_DIR, name);
    if (existsSync(file)) add(name, readFileSync(file));
  }
  return hash.digest('hex');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * The file: a SHA-256 of the rest; the header's length (4 bytes) and the header (JSON); then
 * every body's bytes one after another.
 */
async function snapshot(publicSite: PublicSite, key: string, contentDir: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const store = async (prepared: PreparedResponse): Promise<StoredResponse> => {
    const bodies = await allBodies(prepared);
    const places = {} as Record<Encoding, [number, number]>;
    for (const encoding of ENCODINGS) {
      const body = bodies[encoding];
      places[encoding] = [offset, body.byteLength];
      chunks.push(body);
      offset += body.byteLength;
    }
    return { ...prepared, bodies: places };
  };
  const responses: [string, StoredResponse][] = [];
  for (const [path, prepared] of publicSite.responses) responses.push([path, await store(prepared)]);
  const errors: [string, StoredResponse][] = [];
  for (const locale of LOCALES) {
    for (const kind of Object.keys(ERROR_STATUS) as ErrorKind[]) {
      errors.push([`${locale}:${kind}`, await store(publicSite.errorPage(locale, kind))]);
    }
  }
  const { clinic: _clinic, siteUrl: _siteUrl, ...site } = publicSite.site;
  const header: Header = {
    key,
    site,
    pages: publicSite.content.pages,
    partials: renderedPartials(publicSite, contentDir),
    assetUrls: [...publicSite.assets.urls],
    responses,
    errors,
  };
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.byteLength);
  const rest = Buffer.concat([length, json, ...chunks]);
  return Buffer.concat([createHash('sha256').update(rest).digest(), rest]);
}

/** Every shared passage that renders without a problem; any other is left to content's own error. */
function renderedPartials(publicSite: PublicSite, contentDir: string): [string, string][] {
  const partials: [string, string][] = [];
  for (const locale of LOCALES) {
    const folder = join(contentDir, locale, PARTIALS_DIR);
    const names = existsSync(folder) ? readdirSync(folder).filter((n) => n.endsWith('.md')) : [];
    for (const name of names.map((n) => n.slice(0, -3))) {
      try {
        partials.push([`${locale}:${name}`, publicSite.content.partial(locale, name)]);
      } catch {
        // Not stored: asking for it from a cached site loads the content, which says what is wrong.
      }
    }
  }
  return partials;
}

/** The site from the file, or undefined when it is missing, damaged or was built from other inputs. */
function readSiteCache(
  file: string,
  key: string,
  live: { clinic: Clinic; siteUrl: string; contentDir: string },
): PublicSite | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    const rest = bytes.subarray(32);
    if (bytes.byteLength < 36 || !createHash('sha256').update(rest).digest().equals(bytes.subarray(0, 32))) {
      return undefined;
    }
    const headerLength = rest.readUInt32BE(0);
    const header = JSON.parse(rest.subarray(4, 4 + headerLength).toString('utf8')) as Header;
    if (header.key !== key) return undefined;
    const bodies = rest.subarray(4 + headerLength);
    const revive = (stored: StoredResponse): PreparedResponse => {
      const body = ([offset, length]: [number, number]) =>
        new Uint8Array(bodies.buffer as ArrayBuffer, bodies.byteOffset + offset, length);
      return {
        ...stored,
        bodies: { identity: body(stored.bodies.identity), gzip: body(stored.bodies.gzip), br: body(stored.bodies.br) },
      };
    };
    const responses = new Map(header.responses.map(([path, stored]) => [path, revive(stored)]));
    const errors = new Map(header.errors.map(([id, stored]) => [id, revive(stored)]));
    const urls = new Map(header.assetUrls);
    const partials = new Map(header.partials);
    return {
      site: { ...header.site, clinic: live.clinic, siteUrl: live.siteUrl },
      content: contentIndex(
        header.pages,
        (locale: Locale, name: string) =>
          partials.get(`${locale}:${name}`) ?? loadContent(contentVars(live.clinic), live.contentDir).partial(locale, name),
      ),
      assets: assetSet(urls, new Map([...urls.values()].map((url) => [url, responses.get(url) as PreparedResponse]))),
      responses,
      errorPage: (locale, kind) => errors.get(`${locale}:${kind}`) as PreparedResponse,
    };
  } catch {
    return undefined;
  }
}

/**
 * Written by rename, owner-only, so a start never reads half a file and another user none; the
 * folder is made owner-only when it is new (a PostgreSQL deployment may have no DATA_DIR yet).
 */
function writeAtomically(file: string, bytes: Buffer): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.partial`;
  try {
    writeFileSync(partial, bytes, { mode: 0o600 });
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}
