/**
 * Realistic synthetic traffic for the analytics benchmarks: visits of a clinic's site as its
 * visitors make them (mostly phones, a third in Spanish, mostly from search or direct), each a
 * few page views and, now and then, a phone tap, a request link, the form. Seeded, so two runs
 * send the same traffic.
 */

export type Hit = { n: string; u: string; r?: string; f?: string[] };
export type Visit = { userAgent: string; hits: Hit[] };

const PAGES = {
  en: [
    '/en/',
    '/en/conditions',
    '/en/is-it-right-for-me',
    '/en/how-it-works',
    '/en/procedure-day',
    '/en/recovery-and-results',
    '/en/risks-and-benefits',
    '/en/faq',
    '/en/privacy',
  ],
  es: [
    '/es/',
    '/es/afecciones',
    '/es/es-para-mi',
    '/es/como-funciona',
    '/es/dia-del-procedimiento',
    '/es/recuperacion-y-resultados',
    '/es/riesgos-y-beneficios',
    '/es/preguntas-frecuentes',
    '/es/privacidad',
  ],
} as const;
const REQUEST = { en: '/en/request', es: '/es/solicitud' } as const;

const AGENTS: [number, string][] = [
  [
    0.34,
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  ],
  [
    0.26,
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  ],
  [
    0.05,
    'Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-A536U) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  ],
  [
    0.18,
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  ],
  [
    0.06,
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0',
  ],
  [
    0.05,
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  ],
  [
    0.06,
    'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  ],
];

/** Where a visit comes from: the first page view's referrer and campaign. */
const SOURCES: [number, { r?: string; utm?: string }][] = [
  [0.38, {}],
  [0.25, { r: 'https://www.google.com' }],
  [0.1, { r: 'https://www.google.com', utm: 'utm_source=google&utm_medium=cpc&utm_campaign=neuroplasty-la' }],
  [
    0.08,
    {
      r: 'https://m.facebook.com',
      utm: 'utm_source=facebook&utm_medium=social&utm_campaign=back-pain-awareness',
    },
  ],
  [0.06, { utm: 'utm_source=newsletter&utm_medium=email&utm_campaign=spring-2025' }],
  [0.06, { r: 'https://www.bing.com' }],
  [0.07, { r: 'https://www.healthgrades.com' }],
];

/** mulberry32: small, fast and seeded. */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(rand: () => number, table: [number, T][]): T {
  let r = rand() * table.reduce((s, [w]) => s + w, 0);
  for (const [w, value] of table) if ((r -= w) < 0) return value;
  return (table[table.length - 1] as [number, T])[1];
}

/**
 * One visit: an entry page view (with its source), more views (2.6 per visit on average), and
 * the odd event. About 8% of visits reach the form and 2% send it; 5% tap the phone number.
 */
export function makeVisit(rand: () => number): Visit {
  const locale = rand() < 0.65 ? 'en' : 'es';
  const pages = PAGES[locale];
  const pick = () => pages[Math.floor(rand() * pages.length)] as string;
  const source = weighted(rand, SOURCES);
  let page = rand() < 0.4 ? pages[0] : pick();
  const hits: Hit[] = [
    { n: 'pageview', u: source.utm ? `${page}?${source.utm}` : page, ...(source.r ? { r: source.r } : {}) },
  ];
  const views = 1 + Math.min(12, Math.floor(-Math.log(1 - rand()) * 1.6));
  for (let i = 1; i < views; i++) hits.push({ n: 'pageview', u: (page = pick()) });
  if (rand() < 0.05) hits.push({ n: 'phone_click', u: page });
  if (rand() < 0.03) hits.push({ n: 'language_switch', u: page });
  if (rand() < 0.08) {
    const form = REQUEST[locale];
    hits.push({ n: 'request_click', u: page }, { n: 'pageview', u: form });
    if (rand() < 0.5) {
      hits.push({ n: 'form_start', u: form });
      if (rand() < 0.3)
        hits.push({
          n: 'form_error',
          u: form,
          f: ['tel', 'postal-code'].slice(0, 1 + Math.floor(rand() * 2)),
        });
      if (rand() < 0.5) hits.push({ n: 'form_submitted', u: form });
    }
  }
  return { userAgent: weighted(rand, AGENTS), hits };
}
