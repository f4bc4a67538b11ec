import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { build, transform } from 'esbuild';
import type { BrandPalette } from '../config/brand-colour.ts';
import { CACHE_IMMUTABLE, prepare, type PreparedResponse } from '../http/prepared-response.ts';
import type { ImageFile } from './images.ts';

const here = (file: string) => new URL(file, import.meta.url).pathname;

/** Browser scripts, by the name pages ask for; each is bundled and minified on its own. */
const SCRIPT_ENTRIES: Record<string, string> = {
  'request-form.js': here('../features/intake/browser/request-form.ts'),
  'analytics.js': here('../features/analytics/tracker/tracker.ts'),
  'self-check.js': here('../features/self-check/browser/self-check.ts'),
  'analytics-now.js': here('../features/analytics/dashboard/browser/visitors-now.ts'),
};

export type AssetOptions = {
  scripts?: Record<string, string>;
  /** The clinic's colours, written over the stylesheet's defaults. */
  brand?: BrandPalette;
  /** Images served beside the stylesheet, by their file name. */
  images?: ImageFile[];
};

export type Assets = {
  /** Logical name ("site.css", an image's file name) → its content-hashed URL ("/assets/site.3f9a…css"). */
  url(name: string): string;
  /** Every logical name → its URL (what url() answers from). */
  urls: ReadonlyMap<string, string>;
  /** URL path → the prepared response served under it. */
  files: Map<string, PreparedResponse>;
};

/**
 * Builds the stylesheet and scripts in memory at start: minified, content-hashed file names,
 * immutable caching. Nothing is written to disk, so there is no build step to forget.
 */
export async function buildAssets(options: AssetOptions = {}): Promise<Assets> {
  const { scripts = SCRIPT_ENTRIES, brand, images = [] } = options;
  const urls = new Map<string, string>();
  const files = new Map<string, PreparedResponse>();
  const add = (name: string, code: string | Buffer, contentType: string) => {
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 12);
    const dot = name.lastIndexOf('.');
    const url = `/assets/${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
    urls.set(name, url);
    files.set(url, prepare(code, contentType, CACHE_IMMUTABLE));
  };

  // The staff area has its own stylesheet, so public pages do not download its rules.
  for (const name of ['site.css', 'staff.css']) {
    let source = readFileSync(here(`./${name}`), 'utf8');
    // The stylesheet holds no per-clinic value: the brand colours are appended to its defaults.
    if (brand && name === 'site.css')
      source += `:root{--brand:${brand.brand};--brand-dark:${brand.dark};--tint:${brand.tint}}`;
    const css = await transform(source, { loader: 'css', minify: true });
    add(name, css.code, 'text/css; charset=utf-8');
  }
  for (const image of images) add(image.name, Buffer.from(image.bytes), image.contentType);

  for (const [name, entry] of Object.entries(scripts)) {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2020',
      write: false,
      legalComments: 'none',
    });
    add(name, result.outputFiles[0]?.text ?? '', 'text/javascript; charset=utf-8');
  }

  return assetSet(urls, files);
}

/** The assets by name and by URL: what buildAssets made, or the site cache read back. */
export function assetSet(urls: ReadonlyMap<string, string>, files: Map<string, PreparedResponse>): Assets {
  return {
    url(name) {
      const url = urls.get(name);
      if (!url) throw new Error(`No asset named ${name}`);
      return url;
    },
    urls,
    files,
  };
}
