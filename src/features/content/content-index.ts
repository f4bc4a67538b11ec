import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Marked, type Token, type Tokens } from 'marked';
import { parse as parseYaml } from 'yaml';
import { LOCALES, type Locale } from '../../i18n/locales.ts';
import { FrontMatterSchema, LINK_TARGETS, PAGE_KEYS, type FrontMatter, type LinkTarget, type PageKey } from './page.ts';

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
  get(locale: Locale, key: PageKey): ContentPage;
  byPath(path: string): ContentPage | undefined;
  /** The URL path of a link target (a page, or the request form) in a locale. */
  pathOf(locale: Locale, target: LinkTarget): string;
};

/** Placeholders content may use; filled from the clinic config. */
export type ContentVars = { clinicName: string; phoneDisplay: string; phoneE164: string };

export const REQUEST_PATH: Record<Locale, string> = { en: '/en/request', es: '/es/solicitud' };
/** The self-check (src/features/self-check), another page outside the content files. */
export const SELF_CHECK_PATH: Record<Locale, string> = { en: '/en/self-check', es: '/es/autoevaluacion' };

export class ContentError extends Error {
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

/**
 * Loads every page in every locale, validates its front matter and renders its Markdown.
 * Throws a ContentError listing each problem (missing file, bad field, unknown link).
 */
export function loadContent(vars: ContentVars, dir = CONTENT_DIR): ContentIndex {
  const problems: string[] = [];
  const raw: { key: PageKey; locale: Locale; meta: FrontMatter; body: string }[] = [];
  for (const locale of LOCALES) {
    for (const key of PAGE_KEYS) {
      const file = join(dir, locale, `${key}.md`);
      try {
        const { data, body } = splitFrontMatter(readFileSync(file, 'utf8'));
        const parsed = FrontMatterSchema.safeParse(data);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) problems.push(`${file}: ${issue.path.join('.')}: ${issue.message}`);
          continue;
        }
        raw.push({ key, locale, meta: parsed.data, body });
      } catch (error) {
        problems.push(`${file}: ${(error as Error).message}`);
      }
    }
  }
  if (problems.length > 0) throw new ContentError(`Content has problems:\n- ${problems.join('\n- ')}`);

  const slugs = new Map(raw.map((p) => [`${p.locale}:${p.key}`, p.meta.slug]));
  const pathOf = (locale: Locale, target: LinkTarget): string =>
    target === 'request' ? REQUEST_PATH[locale] : pagePath(locale, slugs.get(`${locale}:${target}`) ?? '');

  const pages = raw.map(({ key, locale, meta, body }): ContentPage => {
    const filled = body
      .replaceAll('{{clinicName}}', vars.clinicName)
      .replaceAll('{{phone}}', `[${vars.phoneDisplay}](tel:${vars.phoneE164})`);
    const marked = new Marked({ gfm: true });
    const tokens = marked.lexer(filled);
    // Links are written as page:<key> and become the page's URL in the same language.
    marked.walkTokens(tokens, (token) => {
      if (token.type !== 'link') return;
      if (token.href.startsWith('page:')) {
        const target = token.href.slice(5);
        if (!(LINK_TARGETS as readonly string[]).includes(target)) {
          problems.push(`content/${locale}/${key}.md: link to unknown page "${target}"`);
        } else token.href = pathOf(locale, target as LinkTarget);
      } else if (!/^(https:|tel:|#)/.test(token.href)) {
        problems.push(`content/${locale}/${key}.md: link "${token.href}" must use page:<key>, https:, tel: or #`);
      }
    });
    const html = marked.parser(tokens);
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

  const byKey = new Map(pages.map((p) => [`${p.locale}:${p.key}`, p]));
  const byPath = new Map(pages.map((p) => [p.path, p]));
  return {
    pages,
    get: (locale, key) => byKey.get(`${locale}:${key}`) as ContentPage,
    byPath: (path) => byPath.get(path),
    pathOf,
  };
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
