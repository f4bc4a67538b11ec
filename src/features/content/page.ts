import { z } from 'zod';

/** Every public page, by key. The same key names the file in each locale: content/<locale>/<key>.md */
export const PAGE_KEYS = [
  'home',
  'conditions',
  'candidates',
  'how-it-works',
  'procedure-day',
  'recovery',
  'risks',
  'faq',
  'privacy',
  'accessibility',
  'language-assistance',
] as const;
export type PageKey = (typeof PAGE_KEYS)[number];

/** Where a "next step" or in-text link may point: a page, or the request form. */
export const LINK_TARGETS = [...PAGE_KEYS, 'request'] as const;
export type LinkTarget = (typeof LINK_TARGETS)[number];

const isoDate = z.iso.date();

export const SourceSchema = z.object({
  title: z.string().min(5),
  authors: z.string().min(2).optional(),
  publication: z.string().min(2),
  /** Left out when the source does not give one; never guessed. */
  year: z.number().int().min(1950).max(2100).optional(),
  url: z.url({ protocol: /^https$/ }).optional(),
});

export const FrontMatterSchema = z
  .object({
    /** The <title>, without the clinic name (the layout adds it). */
    title: z.string().min(10).max(60),
    /** The page's one h1. */
    heading: z.string().min(5).max(90),
    /** The meta description search engines show. */
    description: z.string().min(70).max(160),
    /** URL segment under /en/ or /es/; "" for the home page. */
    slug: z.string().regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, 'lowercase words joined by hyphens'),
    /** Short label for navigation and "next step" links. */
    nav: z.string().min(2).max(40),
    /** education: about the procedure; policy: about the website and clinic. */
    kind: z.enum(['education', 'policy']),
    /** True where the page describes the procedure itself (MedicalProcedure JSON-LD). */
    procedure: z.boolean().default(false),
    /** True on the FAQ: each "## Question?" and what follows becomes FAQPage JSON-LD. */
    faq: z.boolean().default(false),
    lastReviewed: isoDate,
    lastUpdated: isoDate,
    next: z.enum(LINK_TARGETS),
    sources: z.array(SourceSchema).default([]),
  })
  .refine((fm) => fm.kind === 'policy' || fm.sources.length > 0, {
    message: 'education pages list their sources',
    path: ['sources'],
  });

export type FrontMatter = z.infer<typeof FrontMatterSchema>;
export type Source = z.infer<typeof SourceSchema>;
