import { z } from 'zod';
import { LOCALES, type Locale } from '../../i18n/locales.ts';
import type { Source } from './page.ts';

/** content/sources.yaml: the list of sources pages may cite, copied from the research file. */
export const SOURCES_FILE = 'sources.yaml';

const perLocale = z.strictObject(Object.fromEntries(LOCALES.map((l) => [l, z.string().min(2)])) as Record<Locale, z.ZodString>);

export const KnownSourceSchema = z.strictObject({
  authors: z.string().min(2).optional(),
  title: z.string().min(3),
  publication: z.union([z.string().min(2), perLocale]).optional(),
  year: z.number().int().min(1950).max(2100).optional(),
  doi: z.string().regex(/^10\.\d{4,}\/\S+$/, 'a DOI such as 10.2147/JPR.S38999, without "https://doi.org/"').optional(),
});
export const SourceListSchema = z.array(KnownSourceSchema).min(1);
export type KnownSource = z.infer<typeof KnownSourceSchema>;

/** A listed source as a page in `locale` cites it. */
export function citedAs(known: KnownSource, locale: Locale): Source {
  const publication = typeof known.publication === 'string' ? known.publication : known.publication?.[locale];
  return {
    title: known.title,
    ...(known.authors ? { authors: known.authors } : {}),
    ...(publication ? { publication } : {}),
    ...(known.year ? { year: known.year } : {}),
    ...(known.doi ? { doi: known.doi } : {}),
  };
}

const FIELDS = ['authors', 'publication', 'year', 'doi'] as const;

/**
 * What is wrong with a page's citation of a source, compared with the list: every field must be
 * the listed one exactly, so no title, author, year or DOI is ever written from memory.
 * Returns an empty list when it matches.
 */
export function sourceProblems(cited: Source, list: KnownSource[], locale: Locale): string[] {
  const known = list.find((k) => k.title === cited.title);
  if (!known) return [`the source "${cited.title}" is not in content/${SOURCES_FILE} (copy title and fields from there)`];
  const expected = citedAs(known, locale);
  return FIELDS.filter((field) => cited[field] !== expected[field]).map(
    (field) =>
      `the source "${cited.title}" has ${field} ${JSON.stringify(cited[field])}, content/${SOURCES_FILE} has ${JSON.stringify(expected[field])}`,
  );
}
