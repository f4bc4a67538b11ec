import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Marked, type Token, type Tokens } from 'marked';
import { parse as parseYaml } from 'yaml';
import { LOCALES, type Locale } from '../../i18n/locales.ts';
import {
  CLINIC_BLOCKS,
  FrontMatterSchema,
  PAGE_KEY_PATTERN,
  REQUEST_TARGET,
  SELF_CHECK_TARGET,
  TWIN_FIELDS,
  type FrontMatter,
  type LinkTarget,
  type Menu,
  type PageKey,
} from './page.ts';
import { SOURCES_FILE, SourceListSchema, sourceProblems, type KnownSource } from './sources.ts';
import { StartUpError } from '../../lib/start-up-error.ts';

export const CONTENT_DIR = new URL('../../../content/', import.meta.url).pathname;

/** A page's content, rendered once at start. */
export type ContentPage = {
  key: PageKey;
  locale: Locale;
  path: string;
  meta: FrontMatter;
  html: string;
  /** Paragraphs, headings and list items as plain text, for the readability check. */
  textBlocks: string[];
  /** Question and answer pairs from the FAQ page's "## " headings. */
  faq: { question: string; answer: string }[];
};

export type ContentIndex = {
  pages: ContentPage[];
  /** A shared passage (content/<locale>/partials/<name>.md) rendered, for pages outside the content. */
  partial(locale: Locale, name: string): string;
  get(locale: Locale, key: PageKey): ContentPage;
  byPath(path: string): ContentPage | undefined;
  /** The home page (slug "") of a locale. */
  home(locale: Locale): ContentPage;
  /** The pages a menu lists in a locale, by menuOrder. */
  menu(locale: Locale, menu: Exclude<Menu, 'none'>): ContentPage[];
  /** The URL path of a link target (a page, or the request form) in a locale. */
  pathOf(locale: Locale, target: LinkTarget): string;
};

/** Placeholders content may use; filled from the clinic config. */
export type ContentVars = { clinicName: string; phoneDisplay: string; phoneE164: string };

export const REQUEST_PATH: Record<Locale, string> = { en: '/en/request', es: '/es/solicitud' };
/** The self-check (src/features/self-check), another page outside the content files. */
export const SELF_CHECK_PATH: Record<Locale, string> = { en: '/en/self-check', es: '/es/autoevaluacion' };

/** Shared passages live beside the pages, one file per language: content/<locale>/partials/<name>.md. */
export const PARTIALS_DIR = 'partials';
/** `{{include when-to-call}}` on a line of its own: the shared passage goes there. */
const INCLUDE = /^\{\{include ([a-z0-9-]+)\}\}[ \t]*$/gm;
/** `{{block physicians}}` on a line of its own: a part built from the clinic config goes there. */
const BLOCK = /^\{\{block ([a-z0-9-]+)\}\}[ \t]*$/gm;

/** Where a config block sits in a page's HTML; content-page.tsx puts the block there. */
export const blockMarker = (name: string) => `<div data-block="${name}"></div>`;
export const BLOCK_MARKER = /<div data-block="([a-z0-9-]+)"><\/div>/;

export class ContentError extends StartUpError {
  override name = 'ContentError';
}

/** Splits "---\nyaml\n---\nbody" into its parts. */
export function splitFrontMatter(text: string): { data: unknown; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new ContentError('missing front matter: the file must start with a --- block');
  return { data: parseYaml(match[1] ?? ''), body: match[2] ?? '' };
}

export function pagePath(locale: Locale, slug: string): string {
  return `/${locale}/${slug}`;
}

/** The page keys found in each locale's folder: every "<key>.md". */
function pageFiles(dir: string, problems: string[]): Map<PageKey, Set<Locale>> {
  const found = new Map<PageKey, Set<Locale>>();
  for (const locale of LOCALES) {
    const folder = join(dir, locale);
    if (!existsSync(folder)) {
      problems.push(`${folder}: the folder for "${locale}" pages is missing`);
      continue;
    }
    for (const name of readdirSync(folder).sort()) {
      if (!name.endsWith('.md')) continue;
      const key = name.slice(0, -3);
      if (!PAGE_KEY_PATTERN.test(key) || key === REQUEST_TARGET || key === SELF_CHECK_TARGET) {
        problems.push(`${join(folder, name)}: a page file is named with lowercase words joined by hyphens, and not "request" or "self-check"`);
        continue;
      }
      found.set(key, (found.get(key) ?? new Set()).add(locale));
    }
  }
  for (const [key, locales] of found) {
    for (const locale of LOCALES.filter((l) => !locales.has(l))) {
      const present = [...locales].map((l) => join(dir, l, `${key}.md`)).join(', ');
      problems.push(`${present}: has no twin in "${locale}": add ${join(dir, locale, `${key}.md`)} (every page exists in every language)`);
    }
  }
  return found;
}

/**
 * Loads every page file (content/<locale>/<key>.md) in every locale, validates its front matter
 * and renders its Markdown. The files are the list of pages: a new pair appears on the site,
 * in the sitemap and in its menu with no code change.
 * Throws a ContentError listing each problem, each naming its file (a page without a twin,
 * an unknown or bad front-matter field, an unknown link).
 */
export function loadContent(vars: ContentVars, dir = CONTENT_DIR, blocks: readonly string[] = CLINIC_BLOCKS): ContentIndex {
  const problems: string[] = [];
  const raw: { key: PageKey; locale: Locale; meta: FrontMatter; body: string }[] = [];
  const files = pageFiles(dir, problems);
  for (const [key, locales] of files) {
    for (const locale of LOCALES.filter((l) => locales.has(l))) {
      const file = join(dir, locale, `${key}.md`);
      try {
        const { data, body } = splitFrontMatter(readFileSync(file, 'utf8'));
        const parsed = FrontMatterSchema.safeParse(data);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
            problems.push(`${file}: ${where}${issue.message}`);
          }
          continue;
        }
        raw.push({ key, locale, meta: parsed.data, body });
      } catch (error) {
        problems.push(`${file}: ${(error as Error).message}`);
      }
    }
  }
  if (problems.length > 0) throw new ContentError(`Content has problems:\n- ${problems.join('\n- ')}`);
  checkTwins(raw, dir, problems);
  const sources = loadSourceList(dir, problems);
  for (const page of raw) {
    for (const source of page.meta.sources) {
      for (const problem of sourceProblems(source, sources, page.locale)) {
        problems.push(`${join(dir, page.locale, `${page.key}.md`)}: sources: ${problem}`);
      }
    }
  }
  const keys = new Set(files.keys());
  const isTarget = (target: string) => target === REQUEST_TARGET || target === SELF_CHECK_TARGET || keys.has(target);
  for (const page of raw) {
    if (!isTarget(page.meta.next)) {
      problems.push(`${join(dir, page.locale, `${page.key}.md`)}: next: no page "${page.meta.next}" (a file name without .md, or "request")`);
    }
  }
  for (const locale of LOCALES) {
    if (!raw.some((p) => p.locale === locale && p.meta.slug === '')) {
      problems.push(`${join(dir, locale)}: no home page (a page with slug: "")`);
    }
  }
  if (problems.length > 0) throw new ContentError(`Content has problems:\n- ${problems.join('\n- ')}`);

  const pathOf = pathFinder(raw);

  const partials = new Map<string, string>();
  /** The shared passage's Markdown, read once per language; a missing one is a problem naming its file. */
  const partialText = (locale: Locale, name: string, from: string, found: string[]): string => {
    const file = join(dir, locale, PARTIALS_DIR, `${name}.md`);
    const known = partials.get(file);
    if (known !== undefined) return known;
    try {
      const text = readFileSync(file, 'utf8').trim();
      partials.set(file, text);
      return text;
    } catch {
      found.push(`${from}: includes "${name}", but ${file} is missing (a shared passage has one file per language)`);
      return '';
    }
  };
  /**
   * Includes, config blocks and placeholders filled in; Markdown rendered; page links resolved.
   * Problems go to `found`: the pages' shared list, or a list of a partial's own.
   */
  const render = (locale: Locale, body: string, file: string, found: string[]) => {
    const filled = body
      .replace(INCLUDE, (_line, name: string) => partialText(locale, name, file, found))
      .replace(BLOCK, (_line, name: string) => {
        if (!blocks.includes(name)) found.push(`${file}: unknown block "${name}" (known: ${blocks.join(', ')})`);
        return blockMarker(name);
      })
      .replaceAll('{{clinicName}}', vars.clinicName)
      .replaceAll('{{phone}}', `[${vars.phoneDisplay}](tel:${vars.phoneE164})`);
    const marked = new Marked({ gfm: true });
    const tokens = marked.lexer(filled);
    // Links are written as page:<key> and become the page's URL in the same language.
    marked.walkTokens(tokens, (token) => {
      if (token.type !== 'link') return;
      if (token.href.startsWith('page:')) {
        const target = token.href.slice(5);
        if (!isTarget(target)) {
          found.push(`${file}: link to unknown page "${target}"`);
        } else token.href = pathOf(locale, target);
      } else if (!/^(https:|tel:|#)/.test(token.href)) {
        found.push(`${file}: link "${token.href}" must use page:<key>, https:, tel: or #`);
      }
    });
    return { tokens, html: marked.parser(tokens) };
  };

  const pages = raw.map(({ key, locale, meta, body }): ContentPage => {
    const { tokens, html } = render(locale, body, join(dir, locale, `${key}.md`), problems);
    return {
      key,
      locale,
      path: pagePath(locale, meta.slug),
      meta,
      html,
      textBlocks: textBlocks(tokens),
      faq: meta.faq ? faqPairs(tokens) : [],
    };
  });
  if (problems.length > 0) throw new ContentError(`Content has problems:\n- ${problems.join('\n- ')}`);
  checkUnique(pages);

  const renderedPartials = new Map<string, string>();
  return contentIndex(pages, (locale, name) => {
    const id = `${locale}:${name}`;
    let html = renderedPartials.get(id);
    if (html === undefined) {
      const from = `the page that shows "${name}"`;
      const found: string[] = [];
      html = render(locale, partialText(locale, name, from, found), join(dir, locale, PARTIALS_DIR, `${name}.md`), found).html;
      if (found.length > 0) throw new ContentError(`Content has problems:\n- ${found.join('\n- ')}`);
      renderedPartials.set(id, html);
    }
    return html;
  });
}

/** The URL path of a link target in a locale, given each page's slug. */
function pathFinder(pages: { key: PageKey; locale: Locale; meta: { slug: string } }[]): ContentIndex['pathOf'] {
  const slugs = new Map(pages.map((p) => [`${p.locale}:${p.key}`, p.meta.slug]));
  return (locale, target) =>
    target === REQUEST_TARGET
      ? REQUEST_PATH[locale]
      : target === SELF_CHECK_TARGET
        ? SELF_CHECK_PATH[locale]
        : pagePath(locale, slugs.get(`${locale}:${target}`) ?? '');
}

/** The index over rendered pages: what loadContent returns, and what a cached site is read back into. */
export function contentIndex(pages: ContentPage[], partial: ContentIndex['partial']): ContentIndex {
  const byKey = new Map(pages.map((p) => [`${p.locale}:${p.key}`, p]));
  const byPath = new Map(pages.map((p) => [p.path, p]));
  const inMenu = (locale: Locale, menu: Menu) =>
    pages
      .filter((p) => p.locale === locale && p.meta.menu === menu)
      .sort((a, b) => (a.meta.menuOrder ?? 0) - (b.meta.menuOrder ?? 0) || a.key.localeCompare(b.key));
  return {
    pages,
    partial,
    get: (locale, key) => {
      const page = byKey.get(`${locale}:${key}`);
      if (!page) throw new ContentError(`no page "${key}" in "${locale}"`);
      return page;
    },
    byPath: (path) => byPath.get(path),
    home: (locale) => pages.find((p) => p.locale === locale && p.meta.slug === '') as ContentPage,
    menu: inMenu,
    pathOf: pathFinder(pages),
  };
}

/** content/sources.yaml, the sources pages may cite; a problem with the file is reported, not thrown. */
function loadSourceList(dir: string, problems: string[]): KnownSource[] {
  const file = join(dir, SOURCES_FILE);
  try {
    const parsed = SourceListSchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) problems.push(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  } catch (error) {
    problems.push(`${file}: ${(error as Error).message}`);
  }
  return [];
}

/** A page sits in the same menu, place and reading path in every language. */
function checkTwins(raw: { key: PageKey; locale: Locale; meta: FrontMatter }[], dir: string, problems: string[]): void {
  const first = new Map<PageKey, { locale: Locale; meta: FrontMatter }>();
  for (const page of raw) {
    const other = first.get(page.key);
    if (!other) {
      first.set(page.key, page);
      continue;
    }
    for (const field of TWIN_FIELDS) {
      if (page.meta[field] !== other.meta[field]) {
        problems.push(
          `${join(dir, page.locale, `${page.key}.md`)}: ${field} is ${JSON.stringify(page.meta[field])} but ${JSON.stringify(other.meta[field])} in ${join(dir, other.locale, `${page.key}.md`)} (the twins must agree)`,
        );
      }
    }
  }
}

function checkUnique(pages: ContentPage[]): void {
  const seen = new Map<string, string>();
  for (const page of pages) {
    for (const [what, value] of [
      ['path', page.path],
      ['title', page.meta.title],
      ['description', page.meta.description],
    ] as const) {
      const id = `${what}:${value}`;
      const other = seen.get(id);
      if (other) throw new ContentError(`${page.locale}/${page.key} has the same ${what} as ${other}: "${value}"`);
      seen.set(id, `${page.locale}/${page.key}`);
    }
  }
}

function plain(tokens: Token[] | undefined): string {
  return (tokens ?? [])
    .map((t) => ('tokens' in t && t.tokens ? plain(t.tokens) : 'text' in t ? t.text : ''))
    .join('');
}

function textBlocks(tokens: Token[]): string[] {
  const blocks: string[] = [];
  const visit = (list: Token[]) => {
    for (const t of list) {
      if (t.type === 'paragraph' || t.type === 'heading') blocks.push(plain((t as Tokens.Paragraph).tokens));
      else if (t.type === 'list') for (const item of (t as Tokens.List).items) visit(item.tokens);
      else if (t.type === 'text') blocks.push(plain((t as Tokens.Text).tokens) || (t as Tokens.Text).text);
      else if ('tokens' in t && t.tokens) visit(t.tokens);
    }
  };
  visit(tokens);
  return blocks.map((b) => b.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

function faqPairs(tokens: Token[]): { question: string; answer: string }[] {
  const pairs: { question: string; answer: string[] }[] = [];
  for (const t of tokens) {
    if (t.type === 'heading' && (t as Tokens.Heading).depth === 2) {
      pairs.push({ question: plain((t as Tokens.Heading).tokens), answer: [] });
    } else if (pairs.length > 0 && t.type !== 'space') {
      pairs.at(-1)?.answer.push(...textBlocks([t]));
    }
  }
  return pairs.map((p) => ({ question: p.question, answer: p.answer.join(' ') }));
}
