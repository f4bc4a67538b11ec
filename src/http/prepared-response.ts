import { createHash } from 'node:crypto';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync, type BrotliOptions } from 'node:zlib';
import type { Context } from 'hono';

/**
 * A response computed once (at start) and served many times: its body in identity, gzip and
 * brotli forms, and an ETag. Serving it is a lookup plus header negotiation.
 */
export type PreparedResponse = {
  status: 200 | 404 | 413 | 500;
  contentType: string;
  cacheControl: string;
  etag: string;
  bodies: { identity: Bytes; gzip: Bytes; br: Bytes };
};

type Bytes = Uint8Array<ArrayBuffer>;

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
/** HTML is revalidated with its ETag so a content change shows at once. */
export const CACHE_REVALIDATE = 'public, max-age=0, must-revalidate';

export function prepare(
  body: string | Buffer,
  contentType: string,
  cacheControl: string,
  status: PreparedResponse['status'] = 200,
): PreparedResponse {
  const identity = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return {
    status,
    contentType,
    cacheControl,
    etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`,
    bodies: compressedBodies(identity),
  };
}

const GZIP = { level: 9 };
const brotliOptions = (size: number): BrotliOptions => ({
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: size },
});

/**
 * The body in each encoding, compressed at the strongest settings once. Compressing every page
 * that way took most of a start's CPU (about 0.9 s), so it runs in zlib's thread pool right
 * away, beside the rest of the start, and /readyz need not wait for it; a request that comes
 * first compresses its own body on the spot (once).
 */
function compressedBodies(identity: Buffer): PreparedResponse['bodies'] {
  let gzipped: Bytes | undefined;
  let brotli: Bytes | undefined;
  const done = Promise.all([
    new Promise<void>((resolve) =>
      gzip(identity, GZIP, (error, out) => {
        if (!error) gzipped ??= new Uint8Array(out);
        resolve();
      }),
    ),
    new Promise<void>((resolve) =>
      brotliCompress(identity, brotliOptions(identity.length), (error, out) => {
        if (!error) brotli ??= new Uint8Array(out);
        resolve();
      }),
    ),
  ]);
  const bodies = {
    identity: new Uint8Array(identity),
    get gzip() {
      return (gzipped ??= new Uint8Array(gzipSync(identity, GZIP)));
    },
    get br() {
      return (brotli ??= new Uint8Array(brotliCompressSync(identity, brotliOptions(identity.length))));
    },
  };
  compressing.set(bodies, done);
  return bodies;
}

/** When the background compression of prepare's bodies has ended, either way. */
const compressing = new WeakMap<PreparedResponse['bodies'], Promise<unknown>>();

/**
 * The body in every encoding once the background compression is done, so reading them
 * compresses nothing again on this thread (for the site cache, which stores all three).
 */
export async function allBodies(prepared: PreparedResponse): Promise<PreparedResponse['bodies']> {
  await compressing.get(prepared.bodies);
  const { identity, gzip, br } = prepared.bodies;
  return { identity, gzip, br };
}

type Encoding = keyof PreparedResponse['bodies'];

const DEFAULT_OFFER = ['br', 'gzip'] as const;
/** Per offer, the encoding chosen for each Accept-Encoding header seen. */
const encodings = new WeakMap<readonly string[], Map<string, Encoding>>();

/**
 * Picks the first of `offered` (br, then gzip) that Accept-Encoding allows, honouring q=0
 * refusals, else identity.
 * @example chooseEncoding('gzip, br') // 'br'; chooseEncoding('gzip, br', ['gzip']) // 'gzip'
 */
export function chooseEncoding(
  acceptEncoding: string | undefined,
  offered: readonly Exclude<Encoding, 'identity'>[] = DEFAULT_OFFER,
): Encoding {
  const header = acceptEncoding ?? '';
  // Browsers send a handful of distinct headers: each is parsed once per offer.
  let seen = encodings.get(offered);
  if (!seen) encodings.set(offered, (seen = new Map()));
  const known = seen.get(header);
  if (known) return known;
  const accepted = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  const chosen = offered.find(ok) ?? 'identity';
  if (seen.size < 256) seen.set(header, chosen);
  return chosen;
}

/** Each encoding is its own representation, so each gets its own strong ETag. */
function etagFor(prepared: PreparedResponse, encoding: Encoding): string {
  return encoding === 'identity' ? prepared.etag : `${prepared.etag.slice(0, -1)}-${encoding}"`;
}

/** What to send for a prepared response: status, headers (made once per encoding) and body. */
export type PreparedAnswer = {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: Bytes | null;
};

type Made = { full: Record<string, string>; notModified: Record<string, string> };
const madeHeaders = new WeakMap<PreparedResponse, Partial<Record<Encoding, Made>>>();

function headersFor(prepared: PreparedResponse, encoding: Encoding): Made {
  let byEncoding = madeHeaders.get(prepared);
  if (!byEncoding) madeHeaders.set(prepared, (byEncoding = {}));
  const made = byEncoding[encoding];
  if (made) return made;
  const notModified = {
    'Content-Type': prepared.contentType,
    'Cache-Control': prepared.cacheControl,
    ETag: etagFor(prepared, encoding),
    Vary: 'Accept-Encoding',
  };
  const full = {
    ...notModified,
    ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }),
    'Content-Length': String(prepared.bodies[encoding].byteLength),
  };
  return (byEncoding[encoding] = { full, notModified });
}

/**
 * The answer to a request for `prepared`: the encoding the client accepts, or 304 when it
 * already holds this representation (If-None-Match). Shared by sendPrepared (Hono) and the
 * prepared lane (node:http), so both answer alike.
 */
export function answerPrepared(
  prepared: PreparedResponse,
  acceptEncoding: string | undefined,
  ifNoneMatch: string | undefined,
): PreparedAnswer {
  const encoding = chooseEncoding(acceptEncoding);
  const headers = headersFor(prepared, encoding);
  const etag = headers.full.ETag as string;
  if (prepared.status === 200 && ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    return { status: 304, headers: headers.notModified, body: null };
  }
  return { status: prepared.status, headers: headers.full, body: prepared.bodies[encoding] };
}

export function sendPrepared(c: Context, prepared: PreparedResponse): Response {
  const answer = answerPrepared(prepared, c.req.header('accept-encoding'), c.req.header('if-none-match'));
  const headers = { ...answer.headers };
  return answer.body ? c.body(answer.body, answer.status as 200, headers) : c.body(null, 304, headers);
}
