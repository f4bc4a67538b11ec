import { nameIn } from '../../config/clinic.ts';
import type { Locale } from '../../i18n/locales.ts';
import { strings } from '../../i18n/strings.ts';
import { ClinicAddress, OpeningHours } from '../../ui/clinic-contact.tsx';
import type { Site, SiteImage } from '../../ui/site.ts';
import type { ClinicBlock } from './page.ts';

/** Language names as patients read them: "Spanish" / "español". */
export function languageNames(locale: Locale, codes: string[]): string[] {
  const names = new Intl.DisplayNames([locale], { type: 'language' });
  return codes.map((code) => names.of(code) ?? code);
}

/** A photo in its modern format, with the JPEG or PNG fallback where one is given; sized, lazy below the fold. */
function Photo({ image, alt, lazy }: { image: SiteImage; alt: string; lazy: boolean }) {
  const img = (
    <img
      src={image.fallback?.src ?? image.src}
      width={image.width}
      height={image.height}
      alt={alt}
      loading={lazy ? 'lazy' : undefined}
      decoding="async"
    />
  );
  if (!image.fallback) return img;
  return (
    <picture>
      <source srcset={image.src} type={image.type} />
      {img}
    </picture>
  );
}

function Physicians({ site, locale }: { site: Site; locale: Locale }) {
  const t = strings(locale);
  return (
    <ul class="physicians">
      {site.clinic.physicians.map((p, i) => (
        <li class="physician">
          <Photo image={site.physicianPhotos[i] as SiteImage} alt={t.photoOf(p.name)} lazy={i > 0} />
          <div>
            <h2>{`${p.name}, ${p.credentials}`}</h2>
            <p class="credential">{p.boardCertification[locale]}</p>
            <p>{p.bio[locale]}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}

function Location({ site, locale }: { site: Site; locale: Locale }) {
  const t = strings(locale);
  const { clinic } = site;
  const parts = [
    [t.directions, clinic.location.directions],
    [t.parking, clinic.location.parking],
    [t.transit, clinic.location.transit],
    [t.buildingAccess, clinic.location.accessibility],
  ] as const;
  return (
    <div class="location">
      <h2>{t.address}</h2>
      <ClinicAddress site={site} withName={true} />
      <h2>{t.hours}</h2>
      <OpeningHours site={site} locale={locale} />
      {parts.map(([heading, text]) => (
        <>
          <h2>{heading}</h2>
          <p>{text[locale]}</p>
        </>
      ))}
      <h2>{t.staffLanguagesHeading}</h2>
      <p>{t.staffLanguages(languageNames(locale, clinic.staffLanguages))}</p>
    </div>
  );
}

function Insurance({ site, locale }: { site: Site; locale: Locale }) {
  const t = strings(locale);
  const { clinic } = site;
  return (
    <div class="insurance">
      <h2>{t.acceptedInsurance}</h2>
      <ul>
        {clinic.acceptedInsurance.map((plan) => (
          <li>{nameIn(plan, locale)}</li>
        ))}
      </ul>
      <p>{clinic.costNote[locale]}</p>
    </div>
  );
}

/** The part of a page built from the clinic config, in place of its `{{block <name>}}`. */
export function ClinicBlockView({ name, site, locale }: { name: ClinicBlock; site: Site; locale: Locale }) {
  if (name === 'physicians') return <Physicians site={site} locale={locale} />;
  if (name === 'location') return <Location site={site} locale={locale} />;
  return <Insurance site={site} locale={locale} />;
}
