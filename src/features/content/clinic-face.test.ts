import { readFileSync } from 'node:fs';
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

  it('stops the start when an image is missing, naming the field', async () => {
    const physicians = [{ ...JSON.parse(shipped).physicians[0], photo: 'clinic-files/nobody.webp' }];
    const clinic = parseClinic(JSON.stringify({ ...JSON.parse(shipped), physicians }), 'clinic.config.json');
    await expect(buildPublicSite({ clinic, siteUrl: 'https://clinic.test' })).rejects.toThrow(
      /physicians\.0\.photo: the file .*clinic-files\/nobody\.webp cannot be read/,
    );
  });
});
