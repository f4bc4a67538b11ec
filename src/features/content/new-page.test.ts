import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { loadClinic } from '../../config/clinic.ts';
import { buildPublicSite, CONTENT_DIR, contentRoutes } from './index.ts';

const run = promisify(execFile);
const SITE = 'https://clinic.test';

const page = (fm: Record<string, string | number>, body: string) =>
  `---\n${Object.entries(fm)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? JSON.stringify(v) : v}`)
    .join('\n')}\nlastReviewed: 2026-11-20\nlastUpdated: 2026-11-24\n---\n\n${body}\n`;

/** A copy of the real content with a new page pair that no code knows of. */
function contentWithNewPage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'content-new-'));
  cpSync(CONTENT_DIR, dir, { recursive: true });
  const shared = { menu: 'main', menuOrder: 45, kind: 'policy', next: 'request' };
  writeFileSync(
    join(dir, 'en', 'parking-help.md'),
    page(
      {
        title: 'Parking Help at the Clinic',
        heading: 'Where to park when you visit',
        description: 'Where to park when you come to the clinic, how much it costs, and who can help you find the door.',
        slug: 'parking-help',
        nav: 'Parking',
        ...shared,
      },
      'Park in the lot behind the building. [Ask us](page:request).',
    ),
  );
  writeFileSync(
    join(dir, 'es', 'parking-help.md'),
    page(
      {
        title: 'Ayuda para estacionar en la clínica',
        heading: 'Dónde estacionar cuando nos visita',
        description: 'Dónde estacionar cuando viene a la clínica, cuánto cuesta y quién le ayuda a encontrar la puerta.',
        slug: 'estacionamiento',
        nav: 'Estacionamiento',
        ...shared,
      },
      'Estacione detrás del edificio. [Pregúntenos](page:request).',
    ),
  );
  return dir;
}

describe('a new page pair appears with no code change', () => {
  it('is served in both languages, listed in the sitemap with its twin, and in the menu at its place', async () => {
    const contentDir = contentWithNewPage();
    const site = await buildPublicSite({ clinic: loadClinic('clinic.config.json'), siteUrl: SITE, contentDir });
    const app = contentRoutes(site);

    const en = await app.request('/en/parking-help');
    expect(en.status).toBe(200);
    const enHtml = parse(await en.text());
    expect(enHtml.querySelector('h1')?.text).toBe('Where to park when you visit');
    expect(enHtml.querySelector('header a[hreflang="es"]')?.getAttribute('href')).toBe('/es/estacionamiento');
    const es = await app.request('/es/estacionamiento');
    expect(es.status).toBe(200);
    expect(parse(await es.text()).querySelector('main a[href="/es/solicitud"]')).not.toBeNull();

    const sitemap = await (await app.request('/sitemap.xml')).text();
    expect(sitemap).toContain(`<loc>${SITE}/en/parking-help</loc>`);
    expect(sitemap).toContain(`<loc>${SITE}/es/estacionamiento</loc>`);
    expect(sitemap).toContain(`hreflang="es" href="${SITE}/es/estacionamiento"`);

    // menuOrder 45 puts it between how-it-works (40) and getting ready (50), in both languages.
    for (const [path, label, href] of [
      ['/en/faq', 'Parking', '/en/parking-help'],
      ['/es/', 'Estacionamiento', '/es/estacionamiento'],
    ] as const) {
      const html = parse(await (await app.request(path)).text());
      const menu = html.querySelectorAll('nav.site-nav a').map((a) => a.getAttribute('href'));
      expect(menu, path).toContain(href);
      expect(html.querySelector(`nav.site-nav a[href="${href}"]`)?.text.trim()).toBe(label);
      const index = menu.indexOf(href);
      expect(menu[index - 1]).toMatch(/how-it-works|como-funciona/);
    }
  });
});

describe('the start-up', () => {
  it('stops on a lone page file: buildPublicSite (what the server awaits before it listens) names it', async () => {
    const contentDir = mkdtempSync(join(tmpdir(), 'content-lone-'));
    cpSync(CONTENT_DIR, contentDir, { recursive: true });
    cpSync(join(CONTENT_DIR, 'es', 'faq.md'), join(contentDir, 'es', 'solo.md'));
    await expect(buildPublicSite({ clinic: loadClinic('clinic.config.json'), siteUrl: SITE, contentDir })).rejects.toThrow(
      `${join(contentDir, 'es', 'solo.md')}: has no twin in "en"`,
    );
  });
});

describe('npm run content:check', () => {
  const check = (dir: string) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/check-content.ts', dir]).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('stops on a page without its twin, naming the file', async () => {
    const dir = contentWithNewPage();
    writeFileSync(join(dir, 'es', 'parking-help.md'), '');
    const lone = mkdtempSync(join(tmpdir(), 'content-lone-'));
    cpSync(CONTENT_DIR, lone, { recursive: true });
    cpSync(join(dir, 'en', 'parking-help.md'), join(lone, 'en', 'parking-help.md'));
    const result = await check(lone);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${join(lone, 'en', 'parking-help.md')}: has no twin in "es"`);
  });

  it('stops on an unknown front-matter key, naming the file', async () => {
    const dir = contentWithNewPage();
    const file = join(dir, 'es', 'parking-help.md');
    writeFileSync(file, page({ title: 'Ayuda para estacionar en la clínica', colour: 'red' }, 'x'));
    const result = await check(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}: Unrecognized key: "colour"`);
  });

  it('passes the shipped content', async () => {
    const result = await check(CONTENT_DIR);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok {3}\/en\/ /m);
  });
}, 60_000);
