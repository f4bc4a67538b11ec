import type { Locale } from '../i18n/locales.ts';
import { formatOpeningHours } from '../i18n/strings.ts';
import type { Site } from './site.ts';

/** The clinic's postal address and tap-to-call phone, as the footer and the location page show it. */
export function ClinicAddress({ site, withName }: { site: Site; withName: boolean }) {
  const { clinic } = site;
  return (
    <address>
      {withName ? (
        <>
          {clinic.name}
          <br />
        </>
      ) : null}
      {clinic.address.street}
      <br />
      {`${clinic.address.city}, ${clinic.address.region} ${clinic.address.postalCode}`}
      <br />
      <a href={`tel:${clinic.phone}`}>{site.phoneDisplay}</a>
    </address>
  );
}

/** The opening hours, one line per group of days. */
export function OpeningHours({ site, locale }: { site: Site; locale: Locale }) {
  return (
    <ul>
      {site.clinic.hours.map((h) => (
        <li>{formatOpeningHours(locale, h.days, h.opens, h.closes)}</li>
      ))}
    </ul>
  );
}
