// Prints each public page's compressed weight (HTML + CSS + scripts), its images and reading level.
// Usage: npm run -s report:pages
import { loadClinic } from '../src/config/clinic.ts';
import { buildPublicSite, measure } from '../src/features/content/index.ts';

const site = await buildPublicSite({
  clinic: loadClinic('clinic.config.json'),
  siteUrl: 'https://clinic.example',
});
const bytesOf = (url: string, encoding: 'br' | 'gzip') =>
  site.responses.get(url)?.bodies[encoding].byteLength ?? 0;
/** The stylesheet and scripts a page loads (its <link href> and <script src>). */
const codeUrls = (html: string) =>
  [...html.matchAll(/<(?:link[^>]*href|script[^>]*src)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
/** The images a page shows (<img src>, <source srcset>), each counted once. */
const imageUrls = (html: string) => [
  ...new Set(
    [...html.matchAll(/<(?:img[^>]*src|source[^>]*srcset)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? ''),
  ),
];
/** What a page would load from another host: scripts, styles, images, frames (links to read are fine). */
const offSite = (html: string) =>
  [
    ...html.matchAll(
      /<(?:img|script|source|iframe|video|audio|link)\b[^>]*\b(?:src|srcset|href)="((?:https?:)?\/\/[^"]+)"/g,
    ),
  ].filter((m) => !/rel="(?:canonical|alternate)"/.test(m[0]));
console.log('| page | HTML+CSS+JS brotli | gzip | images | uncompressed HTML | reading level |');
console.log('| --- | ---: | ---: | ---: | ---: | --- |');
for (const page of site.content.pages) {
  const prepared = site.responses.get(page.path);
  if (!prepared) continue;
  const html = Buffer.from(prepared.bodies.identity).toString();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const code = (encoding: 'br' | 'gzip') =>
    prepared.bodies[encoding].byteLength +
    codeUrls(html).reduce((sum, url) => sum + bytesOf(url, encoding), 0);
  // Images are sent as they are when that is smaller (SVG compresses; WebP and AVIF do not).
  const images = imageUrls(html).reduce((sum, url) => {
    const file = site.responses.get(url)?.bodies;
    return sum + (file ? Math.min(file.identity.byteLength, file.br.byteLength) : 0);
  }, 0);
  const r = measure(page.textBlocks, page.locale);
  const level = page.locale === 'en' ? `FK grade ${r.score}` : `INFLESZ ${r.score}`;
  const foreign = offSite(html).length > 0 ? ' (loads from another host!)' : '';
  console.log(
    `| ${page.path} | ${kb(code('br'))} | ${kb(code('gzip'))} | ${kb(images)}${foreign} | ${kb(prepared.bodies.identity.byteLength)} | ${level} |`,
  );
}
