import type { Database } from '../src/db/client.ts';

/** Average events per synthetic visit (measured: the seed's visit lengths average about 2.85). */
export const EVENTS_PER_VISIT = 2.85;

// Visits with their attributes, then their events by LATERAL generate_series.
export const SEED_DAY_SQL = `WITH visits AS (
       SELECT g, $2::date AS day, r_dev, r_src, r_lang, r_len, r_goal,
         -- About one visitor in seven comes twice the same day.
         substr(md5((CASE WHEN g % 7 = 0 THEN g - 1 ELSE g END)::text), 1, 22) AS visitor,
         $2::date::timestamp AT TIME ZONE 'America/Los_Angeles' + (random() * interval '23 hours') AS started
       FROM (SELECT g, random() AS r_dev, random() AS r_src, random() AS r_lang, random() AS r_len, random() AS r_goal
             FROM generate_series($3::int + 1, $3::int + $1::int) AS g) s
     ), shaped AS (
       SELECT v.*, CASE WHEN r_lang < 0.65 THEN 'en' ELSE 'es' END AS locale,
         CASE WHEN r_dev < 0.6 THEN 'phone' WHEN r_dev < 0.94 THEN 'desktop' ELSE 'tablet' END AS device,
         CASE WHEN r_dev < 0.34 THEN 'Safari' WHEN r_dev < 0.6 THEN 'Chrome' WHEN r_dev < 0.84 THEN 'Chrome'
              WHEN r_dev < 0.9 THEN 'Edge' WHEN r_dev < 0.94 THEN 'Safari' ELSE 'Safari' END AS browser,
         CASE WHEN r_dev < 0.34 THEN 'iOS' WHEN r_dev < 0.6 THEN 'Android' WHEN r_dev < 0.9 THEN 'Windows'
              WHEN r_dev < 0.94 THEN 'macOS' ELSE 'iOS' END AS os,
         CASE WHEN r_src < 0.38 THEN NULL WHEN r_src < 0.73 THEN 'google.com' WHEN r_src < 0.81 THEN 'facebook.com'
              WHEN r_src < 0.87 THEN 'bing.com' WHEN r_src < 0.94 THEN 'healthgrades.com'
              ELSE 'site' || (g % 150) || '.example' END AS referrer,
         CASE WHEN r_src BETWEEN 0.63 AND 0.73 THEN 'google' WHEN r_src BETWEEN 0.73 AND 0.81 THEN 'facebook'
              WHEN r_src BETWEEN 0.94 AND 0.97 THEN 'newsletter' END AS utm_source,
         CASE WHEN r_src BETWEEN 0.63 AND 0.73 THEN 'neuroplasty-la-' || (g % 4)
              WHEN r_src BETWEEN 0.73 AND 0.81 THEN 'back-pain-awareness'
              WHEN r_src BETWEEN 0.94 AND 0.97 THEN 'newsletter-' || to_char($2::date, 'YYYY-MM') END AS utm_campaign,
         1 + least(12, floor(-ln(1 - r_len) * 2.3))::int AS length
       FROM visits v
     )
     INSERT INTO analytics_events (occurred_at, day, visitor_id, name, path, page_kind, locale, referrer,
         utm_source, utm_medium, utm_campaign, browser, os, device, fields)
       SELECT s.started + i * interval '50 seconds', s.day, s.visitor, e.name,
         CASE WHEN e.name LIKE 'form%' OR (e.name = 'pageview' AND i = s.length - 1 AND r_goal < 0.08)
              THEN CASE s.locale WHEN 'en' THEN '/en/request' ELSE '/es/solicitud' END
              ELSE (CASE s.locale WHEN 'en' THEN ARRAY['/en/', '/en/conditions', '/en/is-it-right-for-me', '/en/how-it-works', '/en/procedure-day', '/en/recovery-and-results', '/en/risks-and-benefits', '/en/faq', '/en/privacy']
                    ELSE ARRAY['/es/', '/es/afecciones', '/es/es-para-mi', '/es/como-funciona', '/es/dia-del-procedimiento', '/es/recuperacion-y-resultados', '/es/riesgos-y-beneficios', '/es/preguntas-frecuentes', '/es/privacidad'] END)
                   [CASE WHEN i = 0 AND r_goal > 0.6 THEN 1 ELSE 1 + ((g * 7 + i * 13) % 9) END] END,
         CASE WHEN e.name LIKE 'form%' OR (e.name = 'pageview' AND i = s.length - 1 AND r_goal < 0.08) THEN 'request'
              WHEN i = 0 AND r_goal > 0.6 THEN 'home'
              WHEN (g * 7 + i * 13) % 9 = 8 THEN 'policy' WHEN (g * 7 + i * 13) % 9 = 0 THEN 'home' ELSE 'education' END,
         s.locale, CASE WHEN i = 0 THEN s.referrer END, CASE WHEN i = 0 THEN s.utm_source END,
         CASE WHEN i = 0 AND s.utm_source IS NOT NULL THEN 'paid' END, CASE WHEN i = 0 THEN s.utm_campaign END,
         s.browser, s.os, s.device, CASE WHEN e.name = 'form_error' THEN 'tel' END
       FROM shaped s
       CROSS JOIN LATERAL generate_series(0, s.length - 1) AS i
       CROSS JOIN LATERAL (SELECT CASE
           WHEN i = 0 THEN 'pageview'
           WHEN r_goal < 0.02 AND i = s.length - 1 THEN 'form_submitted'
           WHEN r_goal < 0.04 AND i = s.length - 1 THEN 'form_start'
           WHEN r_goal < 0.045 AND i = s.length - 1 THEN 'form_error'
           WHEN r_goal BETWEEN 0.1 AND 0.15 AND i = s.length - 1 THEN 'phone_click'
           WHEN r_goal BETWEEN 0.15 AND 0.18 AND i = s.length - 1 THEN 'language_switch'
           WHEN r_goal BETWEEN 0.18 AND 0.24 AND i = s.length - 1 THEN 'request_click'
           ELSE 'pageview' END AS name) e`;

/**
 * Loads one day of synthetic raw events in one set-based statement (generate_series), with the
 * shape of bench/analytics-traffic.ts: `visits` visits of 1 to 13 events, 65% English, mostly
 * phones, sources from direct to paid search, a few percent reaching the form. `offset` keeps
 * visitor ids apart between days.
 */
export async function seedDay(db: Database, day: string, visits: number, offset: number): Promise<void> {
  await db.rawTransaction(async (sql) => {
    // The planner's estimate (millions of rows) would set off JIT compiling, which takes longer
    // than the insert itself.
    await sql.query('SET LOCAL jit = off');
    await sql.query(SEED_DAY_SQL, [visits, day, offset]);
  });
}
