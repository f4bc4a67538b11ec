// Prints each public page's compressed weight (HTML + CSS + scripts) and reading level.
// Usage: npm run -s report:pages
import { loadClinic } from '../src/config/clinic.ts';
import { buildPublicSite, measure } from '../src/features/content/index.ts';

const site = await buildPublicSite({
  clinic: loadClinic('clinic.config.json'),
  siteUrl: 'https://clinic.example',
});
const assetBytes = (html: string, encoding: 'br' | 'gzip') =>
  [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].reduce(
    (sum, m) => sum + (site.responses.get(m[1] ?? '')?.bodies[encoding].byteLength ?? 0),
    0,
  );
console.log('| page | HTML+CSS+JS brotli | gzip | uncompressed | reading level |');
console.log('| --- | ---: | ---: | ---: | --- |');
for (const page of site.content.pages) {
  const prepared = site.responses.get(page.path);
  if (!prepared) continue;
  const html = Buffer.from(prepared.bodies.identity).toString();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const r = measure(page.textBlocks, page.locale);
  const level = page.locale === 'en' ? `FK grade ${r.score}` : `INFLESZ ${r.score}`;
  console.log(
    `| ${page.path} | ${kb(prepared.bodies.br.byteLength + assetBytes(html, 'br'))} | ${kb(prepared.bodies.gzip.byteLength + assetBytes(html, 'gzip'))} | ${kb(prepared.bodies.identity.byteLength)} | ${level} |`,
  );
}
