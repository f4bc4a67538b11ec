import { wcagContrast } from 'culori';
import { describe, expect, it } from 'vitest';
import { brandPalette, MIN_CONTRAST } from './brand-colour.ts';

describe('brandPalette', () => {
  it('derives a tint and a darker shade that keep AA contrast', () => {
    const result = brandPalette('#0A4D8C');
    if (!result.ok) throw new Error(result.problem);
    const { brand, dark, tint } = result.palette;
    expect(brand).toBe('#0a4d8c');
    for (const [fg, bg] of [
      [brand, '#ffffff'],
      [brand, tint],
      [dark, '#ffffff'],
      ['#ffffff', dark],
    ] as const)
      expect(wcagContrast(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  it('refuses a colour too light for white text, with the ratio and an example', () => {
    const result = brandPalette('#7fb3e6');
    expect(result).toMatchObject({ ok: false });
    if (result.ok) return;
    expect(result.problem).toMatch(/#7fb3e6 has a contrast of 2\.\d\d:1/);
    expect(result.problem).toContain('like "#0a4d8c"');
  });

  it('refuses a value that is not a 6-digit hex colour', () => {
    for (const value of ['blue', '#abc', 'rgb(0,0,0)', '#12345g'])
      expect(brandPalette(value)).toEqual({ ok: false, problem: 'use a 6-digit hex colour, like "#0a4d8c"' });
  });
});
