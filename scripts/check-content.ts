// Loads and validates every page, prints each page's reading level and whether it passes; exits 1
// when content is invalid (the message names the file) or too hard to read.
// Usage: npm run content:check [-- <content dir>]   (default: the repository's content/)
import {
  CONTENT_DIR,
  ContentError,
  isPlainEnough,
  loadContent,
  measure,
} from '../src/features/content/index.ts';
import { SELF_CHECK_PATH, selfCheckTextBlocks } from '../src/features/self-check/index.ts';

function load() {
  try {
    return loadContent(
      { clinicName: 'Clinic', phoneDisplay: '(213) 555-0142', phoneE164: '+12135550142' },
      process.argv[2] ?? CONTENT_DIR,
    );
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

const content = load();
let failed = 0;
for (const page of content.pages) {
  const r = measure(page.textBlocks, page.locale);
  const ok = isPlainEnough(r, page.locale);
  if (!ok) failed++;
  const label = page.locale === 'en' ? 'FK grade' : 'INFLESZ ';
  console.log(
    `${ok ? 'ok  ' : 'HARD'} ${page.path.padEnd(36)} ${label} ${String(r.score).padStart(5)}  words ${r.words}`,
  );
}
// The self-check's words live in code, not in content files: every question, answer and result.
for (const locale of ['en', 'es'] as const) {
  const r = measure(selfCheckTextBlocks(locale), locale);
  const ok = isPlainEnough(r, locale);
  if (!ok) failed++;
  const label = locale === 'en' ? 'FK grade' : 'INFLESZ ';
  console.log(
    `${ok ? 'ok  ' : 'HARD'} ${SELF_CHECK_PATH[locale].padEnd(36)} ${label} ${String(r.score).padStart(5)}  words ${r.words}`,
  );
}
process.exit(failed > 0 ? 1 : 0);
