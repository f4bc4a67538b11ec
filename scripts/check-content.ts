// Prints each page's reading level and whether it passes; exits 1 when content is invalid or too hard.
// Usage: npm run content:check
import { loadContent } from '../src/features/content/content-index.ts';
import { isPlainEnough, measure } from '../src/features/content/readability.ts';

const content = loadContent({
  clinicName: 'Clinic',
  phoneDisplay: '(213) 555-0142',
  phoneE164: '+12135550142',
});
let failed = 0;
for (const page of content.pages) {
  const r = measure(page.textBlocks, page.locale);
  const ok = isPlainEnough(r, page.locale);
  if (!ok) failed++;
  const label = page.locale === 'en' ? 'FK grade' : 'F-Huerta';
  console.log(
    `${ok ? 'ok  ' : 'HARD'} ${page.path.padEnd(36)} ${label} ${String(r.score).padStart(5)}  words ${r.words}`,
  );
}
process.exit(failed > 0 ? 1 : 0);
