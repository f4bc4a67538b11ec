import { z } from 'zod';

/**
 * A page's key is its file name without ".md"; the same key names the file in each locale:
 * content/<locale>/<key>.md. The pages are whatever files are there (content-index.ts).
 */
export type PageKey = string;

/** Lowercase words joined by hyphens: a page key, and so a file name. */
export const PAGE_KEY_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The request form is not a content page, but pages link to it and it may be a page's next step. */
export const REQUEST_TARGET = 'request';
/** The self-check (src/features/self-check) is not a content page either; pages link to it. */
export const SELF_CHECK_TARGET = 'self-check';

/** Where a "next step" or in-text link may point: a page key, or the request form. */
export type LinkTarget = PageKey;

/** Parts of a page built from the clinic config, placed with `{{block <name>}}` (content-page.tsx draws them). */
export const CLINIC_BLOCKS = ['physicians', 'location', 'insurance'] as const;
export type ClinicBlock = (typeof CLINIC_BLOCKS)[number];

/** Where a page is listed: the main menu (the treatment), its "our clinic" part, the footer (policies), or nowhere. */
export const MENUS = ['main', 'clinic', 'footer', 'none'] as const;
export type Menu = (typeof MENUS)[number];

const isoDate = z.iso.date();

/** A cited source; each field exactly as in content/sources.yaml (sources.ts checks it). */
export const SourceSchema = z.strictObject({
  title: z.string().min(3),
  authors: z.string().min(2).optional(),
  publication: z.string().min(2).optional(),
  /** Left out when the source does not give one; never guessed. */
  year: z.number().int().min(1950).max(2100).optional(),
  /** Shown as a link to https://doi.org/<doi>. */
  doi: z.string().min(5).optional(),
});

/** Strict: a key the site does not know (a typo, a field from elsewhere) is an error, not ignored. */
export const FrontMatterSchema = z
  .strictObject({
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
    /** Which menu lists the page; "none" keeps it out of both (reachable by links). */
    menu: z.enum(MENUS),
    /** Position in its menu, smallest first; required unless menu is "none". */
    menuOrder: z.number().int().min(0).max(1000).optional(),
    /** education: about the procedure; policy: about the website and clinic. */
    kind: z.enum(['education', 'policy']),
    /** True where the page describes the procedure itself (MedicalProcedure JSON-LD). */
    procedure: z.boolean().default(false),
    /** True on the FAQ: each "## Question?" and what follows becomes FAQPage JSON-LD. */
    faq: z.boolean().default(false),
    lastReviewed: isoDate,
    lastUpdated: isoDate,
    /** The next page in the reader's path: a page key, or "request" for the form. */
    next: z.string().regex(PAGE_KEY_PATTERN, 'a page key (file name without .md) or "request"'),
    sources: z.array(SourceSchema).default([]),
  })
  .refine((fm) => fm.kind === 'policy' || fm.sources.length > 0, {
    message: 'education pages list their sources',
    path: ['sources'],
  })
  .refine((fm) => fm.menu === 'none' || fm.menuOrder !== undefined, {
    message: 'a page in a menu gives its menuOrder (a whole number, smallest first)',
    path: ['menuOrder'],
  });

export type FrontMatter = z.infer<typeof FrontMatterSchema>;
export type Source = z.infer<typeof SourceSchema>;

/** What must be the same in a page's two languages: where it sits and what kind of page it is. */
export const TWIN_FIELDS = ['menu', 'menuOrder', 'kind', 'procedure', 'faq', 'next'] as const;
