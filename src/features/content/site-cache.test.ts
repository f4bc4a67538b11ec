import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClinic, parseClinic, type Clinic } from '../../config/clinic.ts';
import { allBodies, type PreparedResponse } from '../../http/prepared-response.ts';
import { LOCALES } from '../../i18n/locales.ts';
import { CONTENT_DIR } from './content-index.ts';
import { buildPublicSite, ERROR_STATUS, type PublicSite } from './public-site.tsx';
import { loadPublicSite, SITE_CACHE_FILE } from './site-cache.ts';

const SITE_URL = 'https://clinic.test';
const shipped = loadClinic('clinic.config.json');
const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString();

/** A DATA_DIR of its own, and a copy of the content to edit. */
function place() {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-site-cache-'));
  const contentDir = join(dir, 'content');
  cpSync(CONTENT_DIR, contentDir, { recursive: true });
  return { cacheFile: join(dir, 'data', SITE_CACHE_FILE), contentDir };
}

async function load(where: { cacheFile: string; contentDir: string }, clinic: Clinic = shipped, siteUrl = SITE_URL) {
  const loaded = await loadPublicSite({ clinic, siteUrl, ...where });
  await loaded.saved;
  return loaded;
}

/** Every answer the site gives, as bytes in each encoding, with its headers' values. */
async function answers(site: PublicSite) {
  const all: Record<string, unknown> = {};
  const add = async (id: string, prepared: PreparedResponse) => {
    const { bodies: _bodies, ...rest } = prepared;
    const bodies = await allBodies(prepared);
    all[id] = { ...rest, identity: text(bodies.identity), gzip: [...bodies.gzip], br: [...bodies.br] };
  };
  for (const [path, prepared] of site.responses) await add(path, prepared);
  for (const locale of LOCALES) {
    for (const kind of Object.keys(ERROR_STATUS) as (keyof typeof ERROR_STATUS)[]) {
      await add(`error ${locale}:${kind}`, site.errorPage(locale, kind));
    }
  }
  return all;
}

describe('the public site cache', () => {
  it('gives a later start the same site, byte for byte, as a fresh build', async () => {
    const where = place();
    const fresh = await buildPublicSite({ clinic: shipped, siteUrl: SITE_URL, contentDir: where.contentDir });
    const first = await load(where);
    expect(first.source).toBe('build');
    // Owner-only, like the rest of DATA_DIR: the folder was new, so it is made so too.
    expect(statSync(where.cacheFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(where.cacheFile, '..')).mode & 0o777).toBe(0o700);
    const later = await load(where);
    expect(later.source).toBe('cache');
    const site = later.publicSite;

    expect(await answers(site)).toEqual(await answers(fresh));
    expect(site.site).toEqual(fresh.site);
    expect(site.content.pages).toEqual(fresh.content.pages);
    for (const [name, url] of fresh.assets.urls) expect(site.assets.url(name)).toBe(url);
    expect([...site.assets.files.keys()].sort()).toEqual([...fresh.assets.files.keys()].sort());
    for (const locale of LOCALES) {
      expect(site.content.partial(locale, 'when-to-call')).toBe(fresh.content.partial(locale, 'when-to-call'));
      expect(site.content.home(locale)).toEqual(fresh.content.home(locale));
      expect(site.content.menu(locale, 'main')).toEqual(fresh.content.menu(locale, 'main'));
      expect(site.content.pathOf(locale, 'privacy')).toBe(fresh.content.pathOf(locale, 'privacy'));
      expect(site.content.pathOf(locale, 'request')).toBe(fresh.content.pathOf(locale, 'request'));
    }
    expect(site.content.byPath('/en/faq')).toEqual(fresh.content.byPath('/en/faq'));
    // A partial the cache does not hold is asked of the content itself, which says what is wrong.
    expect(() => site.content.partial('en', 'no-such-passage')).toThrow(/no-such-passage\.md is missing/);
    // Nothing but public pages: the file holds no clinic key, token or set-up link.
    expect(readFileSync(where.cacheFile).toString('latin1')).not.toMatch(/setup\?token|PRIVATE KEY/);
  });

  it('builds again when a content file, the clinic config, one of its images or SITE_URL changed', async () => {
    const where = place();
    expect((await load(where)).source).toBe('build');
    expect((await load(where)).source).toBe('cache');

    const faq = join(where.contentDir, 'en', 'faq.md');
    writeFileSync(faq, `${readFileSync(faq, 'utf8')}\nA sentence added after the last start.\n`);
    const edited = await load(where);
    expect(edited.source).toBe('build');
    expect(text(edited.publicSite.responses.get('/en/faq')?.bodies.identity)).toContain(
      'A sentence added after the last start.',
    );
    expect((await load(where)).source).toBe('cache');

    const renamed = { ...shipped, name: 'Pasadena Neuroplasty Center' };
    const other = await load(where, renamed);
    expect(other.source).toBe('build');
    expect(text(other.publicSite.responses.get('/en/')?.bodies.identity)).toContain('Pasadena Neuroplasty Center');

    const elsewhere = await load(where, shipped, 'https://www.example-clinic.com');
    expect(elsewhere.source).toBe('build');
    expect(text(elsewhere.publicSite.responses.get('/sitemap.xml')?.bodies.identity)).toContain(
      'https://www.example-clinic.com/en/faq',
    );

    // The same config, but its logo file's bytes changed: a new asset URL.
    const dir = mkdtempSync(join(tmpdir(), 'clinic-logo-'));
    const logo = join(dir, 'logo.svg');
    writeFileSync(logo, readFileSync(shipped.logo));
    const config = { ...JSON.parse(readFileSync('clinic.config.json', 'utf8')), logo };
    const clinic = parseClinic(JSON.stringify(config), join(process.cwd(), 'clinic.config.json'));
    const before = await load(where, clinic);
    expect((await load(where, clinic)).source).toBe('cache');
    writeFileSync(logo, readFileSync(shipped.logo, 'utf8').replace('<svg', '<svg data-new="1"'));
    const after = await load(where, clinic);
    expect(after.source).toBe('build');
    expect(after.publicSite.site.logo.src).not.toBe(before.publicSite.site.logo.src);
  });

  it('builds again, and writes the file afresh, when the file is damaged', async () => {
    const where = place();
    const fresh = await load(where);
    const good = readFileSync(where.cacheFile);
    const damaged = [
      Buffer.from('not a cache file'),
      good.subarray(0, good.byteLength - 100),
      Buffer.concat([good.subarray(0, 5000), Buffer.from([(good[5000] ?? 0) ^ 0xff]), good.subarray(5001)]),
      Buffer.alloc(0),
    ];
    for (const bytes of damaged) {
      writeFileSync(where.cacheFile, bytes);
      const loaded = await load(where);
      expect(loaded.source).toBe('build');
      expect(await answers(loaded.publicSite)).toEqual(await answers(fresh.publicSite));
      expect(readFileSync(where.cacheFile).equals(good)).toBe(true);
    }
  });

  it('still serves the site when the file cannot be written', async () => {
    const where = place();
    // A file where the folder should be.
    writeFileSync(join(where.cacheFile, '..'), 'in the way');
    const loaded = await loadPublicSite({ clinic: shipped, siteUrl: SITE_URL, ...where });
    expect(loaded.source).toBe('build');
    expect(text(loaded.publicSite.responses.get('/en/faq')?.bodies.identity)).toContain('<h1');
    await expect(loaded.saved).rejects.toThrow();
  });
});
