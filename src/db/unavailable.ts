/**
 * Whether an error means the database cannot serve us right now (unreachable, shutting down,
 * out of disk or memory, refusing writes), as opposed to a mistake in our code. Such an error is
 * the database's outage, not the page's: the page says so with a 503 and works again by itself
 * once the database is back (a pool reconnects on the next query).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    // SQLSTATE classes 08 (connection), 53 (insufficient resources: 53100 disk full), 57P01–03
    // (shut down, crashed, starting), 25006 (read-only transaction), 55000 (not accepting connections).
    if (/^(08|53)[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code)) return true;
    if (code === '25006' || code === '55000') return true;
    if (NETWORK_CODES.has(code)) return true;
  }
  return typeof message === 'string' && DRIVER_MESSAGES.some((text) => message.includes(text));
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

// What pg and PGlite throw without a code when the connection or the handle is gone.
const DRIVER_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'PGlite is closed',
];
