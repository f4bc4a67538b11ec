import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_DIR, ContentError, loadContent } from './content-index.ts';
import { isPlainEnough, measure } from './readability.ts';

const vars = { clinicName: 'Test Clinic', phoneDisplay: '(213) 555-0142', phoneE164: '+12135550142' };

/** A copy of the real content with one file changed, to see the loader refuse it. */
function contentWith(locale: string, key: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'content-'));
  cpSync(CONTENT_DIR, dir, { recursive: true });
  const file = join(dir, locale, `${key}.md`);
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return dir;
}

describe('the patient content', () => {
  const content = loadContent(vars);

  it('has every page file, in English and Spanish', () => {
    const files = readdirSync(join(CONTENT_DIR, 'en')).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThanOrEqual(11);
    expect(content.pages).toHaveLength(files.length * 2);
    for (const file of files) expect(content.get('es', file.slice(0, -3)).locale).toBe('es');
  });

  it.each(loadContent(vars).pages.map((p) => [p.path, p] as const))('%s reads at grade 8 or easier', (_path, page) => {
    const r = measure(page.textBlocks, page.locale);
    expect(r.words, 'a real page, not a stub').toBeGreaterThan(150);
    expect(isPlainEnough(r, page.locale), `${page.locale === 'en' ? 'Flesch-Kincaid grade' : 'INFLESZ (Szigriszt-Pazos)'} ${r.score}`).toBe(true);
  });

  it('fills in the clinic phone as a tap-to-call link and resolves page links in the same language', () => {
    const home = content.get('es', 'home');
    expect(home.html).toContain('href="tel:+12135550142"');
    expect(home.html).not.toContain('{{');
    const hrefs = [...content.pages.flatMap((p) => [...p.html.matchAll(/href="(\/[^"]*)"/g)].map((m) => [p.locale, m[1]]))];
    for (const [locale, href] of hrefs) expect(href?.startsWith(`/${locale}/`), `${href} from a ${locale} page`).toBe(true);
  });

  it('turns the FAQ headings into question and answer pairs', () => {
    const faq = content.get('en', 'faq').faq;
    expect(faq.length).toBeGreaterThanOrEqual(10);
    for (const qa of faq) {
      expect(qa.question).toMatch(/\?$/);
      expect(qa.answer.length).toBeGreaterThan(20);
    }
  });
});

describe('loadContent refuses bad content', () => {
  it('an education page without sources', () => {
    const dir = contentWith('en', 'risks', (t) => t.replace(/^sources:[\s\S]*?(?=^---)/m, ''));
    expect(() => loadContent(vars, dir)).toThrow(/risks\.md: sources: education pages list their sources/);
  });

  it('a link to a page that does not exist', () => {
    const dir = contentWith('es', 'faq', (t) => `${t}\n[Mal enlace](page:nowhere)\n`);
    expect(() => loadContent(vars, dir)).toThrow(/link to unknown page "nowhere"/);
  });

  it('a description too long for search results, and a missing front matter block', () => {
    const long = contentWith('en', 'faq', (t) => t.replace(/^description: .*$/m, `description: "${'x'.repeat(200)}"`));
    expect(() => loadContent(vars, long)).toThrow(ContentError);
    const bare = contentWith('en', 'faq', (t) => t.replace(/^---[\s\S]*?---\n/, ''));
    expect(() => loadContent(vars, bare)).toThrow(/missing front matter/);
  });

  it('two pages with the same title', () => {
    const dir = contentWith('es', 'faq', (t) => t.replace(/^title: .*$/m, `title: "${loadContent(vars).get('en', 'faq').meta.title}"`));
    expect(() => loadContent(vars, dir)).toThrow(/same title/);
  });
});

describe('the files are the list of pages', () => {
  it('a page in one language without its twin stops loading, naming the file', () => {
    const dir = contentWith('en', 'faq', (t) => t);
    writeFileSync(join(dir, 'es', 'solo-en-espanol.md'), readFileSync(join(dir, 'es', 'faq.md'), 'utf8'));
    expect(() => loadContent(vars, dir)).toThrow(/es\/solo-en-espanol\.md: has no twin in "en"/);
  });

  it('an unknown front-matter key stops loading, naming the file and the key', () => {
    const dir = contentWith('es', 'risks', (t) => t.replace(/^nav: /m, 'menuorder: 3\nnav: '));
    expect(() => loadContent(vars, dir)).toThrow(/es\/risks\.md: Unrecognized key: "menuorder"/);
    const inSource = contentWith('en', 'risks', (t) => t.replace(/^ {2}- title: /m, '  - pages: "1-9"\n    title: '));
    expect(() => loadContent(vars, inSource)).toThrow(/en\/risks\.md: sources\.0: Unrecognized key: "pages"/);
  });

  it('twins that disagree on their place in the menu or the reading path stop loading', () => {
    const dir = contentWith('es', 'recovery', (t) => t.replace(/^menuOrder: .*$/m, 'menuOrder: 99').replace(/^next: .*$/m, 'next: faq'));
    expect(() => loadContent(vars, dir)).toThrow(/es\/recovery\.md: menuOrder is 99 but 70 in .*en\/recovery\.md/);
    expect(() => loadContent(vars, dir)).toThrow(/es\/recovery\.md: next is "faq" but "risks"/);
  });

  it('a next step or menu entry that points nowhere stops loading', () => {
    const next = contentWith('en', 'risks', (t) => t.replace(/^next: .*$/m, 'next: nowhere'));
    expect(() => loadContent(vars, next)).toThrow(/en\/risks\.md: next: no page "nowhere"/);
    const noOrder = contentWith('en', 'risks', (t) => t.replace(/^menuOrder: .*\n/m, ''));
    expect(() => loadContent(vars, noOrder)).toThrow(/en\/risks\.md: menuOrder: a page in a menu gives its menuOrder/);
  });

  it('builds the menus from front matter, in menuOrder', () => {
    expect(content().menu('en', 'main').map((p) => p.key)).toEqual([
      'home',
      'conditions',
      'candidates',
      'how-it-works',
      'before-procedure',
      'procedure-day',
      'aftercare',
      'recovery',
      'risks',
      'alternatives',
      'faq',
    ]);
    expect(content().menu('en', 'clinic').map((p) => p.key)).toEqual(['physicians', 'location', 'insurance']);
    expect(content().menu('es', 'footer').map((p) => p.key)).toEqual(['privacy', 'accessibility', 'language-assistance']);
    expect(content().home('es').path).toBe('/es/');
  });
});

function content() {
  return loadContent(vars);
}
