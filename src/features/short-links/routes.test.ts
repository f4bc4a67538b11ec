import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseClinic } from '../../config/clinic.ts';
import { shortLinkRoutes } from './routes.ts';

const example = JSON.parse(readFileSync('clinic.config.json', 'utf8')) as Record<string, unknown>;
const withLinks = (shortLinks: Record<string, string>) =>
  parseClinic(JSON.stringify({ ...example, shortLinks }), 'my-clinic.json');

describe('short links', () => {
  it('redirects a short link to its page with the campaign values, and no shared cache keeps it', async () => {
    const target = '/es/?utm_source=radio&utm_medium=audio&utm_campaign=primavera';
    const app = shortLinkRoutes(withLinks({ '/radio': target }).shortLinks);
    const res = await app.request('/radio');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(target);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await app.request('/radio2')).status).toBe(404);
  });

  it('is empty when the config has none', () => {
    expect(withLinks({}).shortLinks).toEqual({});
    const { shortLinks: _none, ...without } = example;
    expect(parseClinic(JSON.stringify(without), 'c.json').shortLinks).toEqual({});
  });

  it.each([
    ['/promo', 'https://elsewhere.example/', 'the target must be a path on this site'],
    ['/promo', '//elsewhere.example/', 'the target must be a path on this site'],
    ['/promo', '/\\elsewhere.example/', 'the target must be a path on this site'],
    ['/promo', 'javascript:alert(1)', 'the target must be a path on this site'],
    ['/promo', '/es/\n', 'the target must be a path on this site'],
    ['/promo', '/promo?utm_source=x', 'the target is a short link itself'],
    ['/staff', '/en/', '"/staff" is a path the site already answers'],
    ['/Radio', '/en/', 'a short link is one lowercase word'],
    ['/radio/spring', '/en/', 'a short link is one lowercase word'],
  ])('stops at start on %s → %j, naming the entry', (path, target, problem) => {
    const attempt = () => withLinks({ [path]: target });
    expect(attempt).toThrow(/Invalid clinic config my-clinic.json/);
    expect(attempt).toThrow(`shortLinks.${path}: ${problem}`);
  });
});
