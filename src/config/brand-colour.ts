import { clampChroma, formatHex, oklch, parse, wcagContrast } from 'culori';

/** WCAG 2.2 AA for normal text: the brand colour carries links and white button labels. */
export const MIN_CONTRAST = 4.5;

/** The page colours a brand colour is drawn with; tint and dark are derived from it. */
export type BrandPalette = { brand: string; dark: string; tint: string };

/**
 * The palette for a brand colour, or why it cannot be used: white text on it (the buttons) and
 * it as text on the page and on its tint (links, the header) must all reach 4.5:1.
 * @example brandPalette('#0a4d8c') // { ok: true, palette: { brand: '#0a4d8c', dark: '#00376b', tint: '#eef6ff' } }
 */
export function brandPalette(
  value: string,
): { ok: true; palette: BrandPalette } | { ok: false; problem: string } {
  const parsed = /^#[0-9a-f]{6}$/i.test(value) ? parse(value) : undefined;
  if (!parsed) return { ok: false, problem: 'use a 6-digit hex colour, like "#0a4d8c"' };
  const brand = formatHex(parsed);
  const base = oklch(parsed);
  const hue = base.h ?? 0;
  // A lighter background for the header and call-to-action box, a darker shade for hover.
  const tint = formatHex(clampChroma({ mode: 'oklch', l: 0.97, c: Math.min(base.c, 0.02), h: hue }, 'oklch'));
  const dark = formatHex(
    clampChroma({ mode: 'oklch', l: Math.max(0, base.l - 0.08), c: base.c, h: hue }, 'oklch'),
  );
  const ratio = Math.min(wcagContrast(brand, '#ffffff'), wcagContrast(brand, tint));
  if (ratio < MIN_CONTRAST) {
    return {
      ok: false,
      problem: `${brand} has a contrast of ${ratio.toFixed(2)}:1 with white and its light tint; links and white button text need at least ${MIN_CONTRAST}:1 (WCAG AA). Use a darker colour, like "#0a4d8c"`,
    };
  }
  return { ok: true, palette: { brand, dark, tint } };
}
