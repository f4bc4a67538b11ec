import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { otherLocale, type Locale } from '../i18n/locales.ts';
import { strings } from '../i18n/strings.ts';
import { ClinicAddress, OpeningHours } from './clinic-contact.tsx';
import type { Site } from './site.ts';

export type LayoutProps = {
  site: Site;
  locale: Locale;
  title: string;
  description: string;
  /** Path of this page; with `twin`, also the canonical and hreflang URLs. */
  path: string;
  /** The same page in the other language; absent on pages that are not indexed. */
  twin?: string;
  /** JSON already serialized for a ld+json block. */
  jsonLd?: string;
  noindex?: boolean;
  scripts?: string[];
  children: Child;
};

const OG_LOCALE: Record<Locale, string> = { en: 'en_US', es: 'es_US' };

/** The frame of every public page: head, skip link, header, nav, main, footer. */
export function Layout(props: LayoutProps) {
  const { site, locale, path, twin } = props;
  const t = strings(locale);
  const other = otherLocale(locale);
  const abs = (p: string) => `${site.siteUrl}${p}`;
  const en = locale === 'en' ? path : twin;
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} | ${site.clinic.name}`}</title>
        <meta name="description" content={props.description} />
        {props.noindex ? <meta name="robots" content="noindex" /> : null}
        {twin ? (
          <>
            <link rel="canonical" href={abs(path)} />
            <link rel="alternate" hreflang={locale} href={abs(path)} />
            <link rel="alternate" hreflang={other} href={abs(twin)} />
            <link rel="alternate" hreflang="x-default" href={abs(en ?? path)} />
            <meta property="og:type" content="website" />
            <meta property="og:site_name" content={site.clinic.name} />
            <meta property="og:title" content={props.title} />
            <meta property="og:description" content={props.description} />
            <meta property="og:url" content={abs(path)} />
            <meta property="og:locale" content={OG_LOCALE[locale]} />
            <meta property="og:locale:alternate" content={OG_LOCALE[other]} />
          </>
        ) : null}
        {/* No favicon yet: an empty data: icon keeps browsers from asking for /favicon.ico. */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={site.stylesheet} />
        {props.scripts?.map((src) => (
          <script src={src} defer />
        ))}
        {props.jsonLd ? <script type="application/ld+json">{raw(props.jsonLd)}</script> : null}
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skipToContent}
        </a>
        <header class="site-header">
          <div class="wrap header-bar">
            <a class="brand" href={site.home[locale]}>
              <img src={site.logo.src} width={site.logo.width} height={site.logo.height} alt="" />
              <span>{site.clinic.name}</span>
            </a>
            <a class="language" href={twin ?? site.home[other]} hreflang={other} lang={other}>
              {t.switchLanguage}
            </a>
            <div class="header-actions">
              <a class="button" href={`tel:${site.clinic.phone}`}>
                {`${t.callUs} ${site.phoneDisplay}`}
              </a>
              <a class="button secondary" href={site.request[locale]}>
                {t.requestCallBack}
              </a>
            </div>
          </div>
          <nav class="site-nav wrap" aria-label={t.mainNav}>
            {/* A disclosure, so the menu opens and closes on a phone without any script. */}
            <details class="menu">
              <summary>{t.menuButton}</summary>
              <ul>
                {site.nav[locale].map((item) => (
                  <li>
                    <a href={item.href} aria-current={item.href === path ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
              {/* The clinic's own pages, a second list so it starts its own row on a wide screen. */}
              <ul class="menu-clinic">
                {site.clinicNav[locale].map((item) => (
                  <li>
                    <a href={item.href} aria-current={item.href === path ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
                <li>
                  <a
                    href={site.request[locale]}
                    aria-current={site.request[locale] === path ? 'page' : undefined}
                  >
                    {t.requestInfo}
                  </a>
                </li>
              </ul>
            </details>
          </nav>
        </header>
        <main id="main" class="wrap" tabindex={-1}>
          {props.children}
        </main>
        <Footer site={site} locale={locale} />
      </body>
    </html>
  );
}

function Footer({ site, locale }: { site: Site; locale: Locale }) {
  const t = strings(locale);
  const { clinic } = site;
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p class="emergency">{t.emergency}</p>
        <h2>{clinic.name}</h2>
        <ClinicAddress site={site} withName={false} />
        <h2>{t.hours}</h2>
        <OpeningHours site={site} locale={locale} />
        <h2>{t.footerPolicies}</h2>
        <ul>
          {site.policies[locale].map((p) => (
            <li>
              <a href={p.href}>{p.label}</a>
            </li>
          ))}
        </ul>
      </div>
    </footer>
  );
}

/** Renders a page to a complete HTML document. */
export async function renderDocument(element: { toString(): string | Promise<string> }): Promise<string> {
  return `<!doctype html>${await element.toString()}`;
}
