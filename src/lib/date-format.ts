const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An Intl.DateTimeFormat for these locale and options, made once and kept: making one costs
 * far more than using it, and pages format times on every request (opening hours, the inbox's
 * rows, the response deadline's steps).
 * @example dateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', hour: 'numeric' }).format(now)
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}
