import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClinic } from '../../config/clinic.ts';
import { buildPublicSite } from './public-site.tsx';

const shipped = readFileSync('clinic.config.json', 'utf8');
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString();

describe('the clinic’s face from its config', () => {
  it('draws the pages in the brand colour and serves the logo and photos as sized first-party images', async () => {
    const clinic = parseClinic(JSON.stringify({ ...JSON.parse(shipped), brandColor: '#6b2d7a' }), 'clinic.config.json');
    const site = await buildPublicSite({ clinic, siteUrl: 'https://clinic.test' });
    const css = text(site.responses.get(site.site.stylesheet)?.bodies.identity ?? new Uint8Array());
    expect(css).toMatch(/--brand:#6b2d7a;--brand-dark:#[0-9a-f]{6};--tint:#[0-9a-f]{6}/);
    expect(site.site.logo).toMatchObject({ width: 40, height: 40, type: 'image/svg+xml' });
    const logo = site.responses.get(site.site.logo.src);
    expect(logo?.contentType).toBe('image/svg+xml');
    expect(logo?.cacheControl).toContain('immutable');
    expect(site.site.physicianPhotos[0]).toMatchObject({ width: 240, height: 300 });
    const home = text(site.responses.get('/en/')?.bodies.identity ?? new Uint8Array());
    expect(home).toContain(`<img src="${site.site.logo.src}" width="40" height="40" alt=""/>`);
  });

  it('offers a WebP photo with its JPEG or PNG fallback in a <picture>', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clinic-photo-'));
    // 1×1 images: a lossless WebP and a PNG.
    writeFileSync(join(dir, 'dr.webp'), Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64'));
    writeFileSync(join(dir, 'dr.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'));
    const config = JSON.parse(shipped);
    config.logo = join(process.cwd(), 'clinic-files/example-logo.svg');
    config.physicians = [{ ...config.physicians[0], photo: 'dr.webp', photoFallback: 'dr.png' }];
    const clinic = parseClinic(JSON.stringify(config), join(dir, 'clinic.config.json'));
    const site = await buildPublicSite({ clinic, siteUrl: 'https://clinic.test' });
    const html = text(site.responses.get('/en/our-physicians')?.bodies.identity ?? new Uint8Array());
    expect(html).toMatch(
      /<picture><source srcset="\/assets\/dr\.[0-9a-f]{12}\.webp" type="image\/webp"\/><img src="\/assets\/dr\.[0-9a-f]{12}\.png" width="1" height="1" alt="Photo of Dr\. Alex Example" decoding="async"\/><\/picture>/,
    );
    expect(site.responses.get(site.site.physicianPhotos[0]?.src ?? '')?.contentType).toBe('image/webp');
  });

  it('stops the start when an image is missing, naming the field', async () => {
    const physicians = [{ ...JSON.parse(shipped).physicians[0], photo: 'clinic-files/nobody.webp' }];
    const clinic = parseClinic(JSON.stringify({ ...JSON.parse(shipped), physicians }), 'clinic.config.json');
    await expect(buildPublicSite({ clinic, siteUrl: 'https://clinic.test' })).rejects.toThrow(
      /physicians\.0\.photo: the file .*clinic-files\/nobody\.webp cannot be read/,
    );
  });
});

describe('images on every page', () => {
  it('are first-party, sized, lazy below the fold and within 80 KB a page', async () => {
    const site = await buildPublicSite({ clinic: parseClinic(shipped, 'clinic.config.json'), siteUrl: 'https://clinic.test' });
    for (const page of site.content.pages) {
      const html = text(site.responses.get(page.path)?.bodies.identity ?? new Uint8Array());
      const images = [...html.matchAll(/<img [^>]*>/g)].map((m) => m[0]);
      expect(images.length, page.path).toBeGreaterThanOrEqual(1);
      let bytes = 0;
      images.forEach((img, i) => {
        const src = /src="([^"]+)"/.exec(img)?.[1] ?? '';
        expect(src, `${page.path}: ${img}`).toMatch(/^\/assets\//);
        expect(img, page.path).toMatch(/width="\d+" height="\d+"/);
        // The logo (first) is at the top; a second physician's photo onward waits until scrolled to.
        if (i > 1) expect(img, page.path).toContain('loading="lazy"');
        bytes += site.responses.get(src)?.bodies.identity.byteLength ?? Infinity;
      });
      expect(bytes, page.path).toBeLessThanOrEqual(80 * 1024);
    }
  });
});
