import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * A page that is the same for every visitor but for a few short values (the request form's token
 * and idempotency key), rendered and compressed once: each answer splices the values in.
 *
 * gzip: the fixed parts are compressed once each as raw deflate blocks that end on a byte
 * boundary without referring to anything before them; a value goes in as a stored block; a
 * gzip header, the blocks in order and a trailer (CRC-32 and length of the whole) make one valid
 * gzip stream. Brotli has no such seam, so a browser that accepts both gets gzip: about 600
 * bytes more than brotli, and a few microseconds of work instead of a compression pass.
 */
export type SplicedPage = {
  /** The fixed parts, in order, between the values. */
  parts: Buffer[];
  /** Which value goes after each part but the last (placeholders may come in any order). */
  order: number[];
  /** Each part as raw deflate blocks (synced, not final), and the CRC-32 of each part. */
  deflated: Buffer[];
  crcs: number[];
};

/** The gzip header of RFC 1952: no name, no time, unknown OS. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** The last, empty, final deflate block (a fixed-Huffman block holding only end-of-block). */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/**
 * The header of a deflate "stored" block (RFC 1951 3.2.4) for `bytes`: not final, type 00, then
 * LEN and its complement. It follows a synced block, so it starts on a byte boundary. A value is
 * short random text that would not compress anyway, and this costs no zlib call.
 */
function storedBlock(bytes: Buffer): Buffer {
  if (bytes.length > 0xffff) throw new Error('a spliced value must be under 64 KB');
  const header = Buffer.alloc(5);
  header.writeUInt16LE(bytes.length, 1);
  header.writeUInt16LE(~bytes.length & 0xffff, 3);
  return header;
}

const deflatePart = (part: Buffer, level: number) =>
  deflateRawSync(part, { level, finishFlush: constants.Z_SYNC_FLUSH });

/**
 * Cuts `html` at each of `placeholders` (each must appear exactly once, in any order).
 * @example const page = spliceAt('<input value="@token@"> <input value="@key@">', ['@token@', '@key@'])
 */
export function spliceAt(html: string, placeholders: string[]): SplicedPage {
  const found = placeholders.map((placeholder, index) => {
    const at = html.indexOf(placeholder);
    if (at < 0 || html.indexOf(placeholder, at + 1) >= 0)
      throw new Error(`placeholder ${placeholder} must appear once`);
    return { at, end: at + placeholder.length, index };
  });
  found.sort((a, b) => a.at - b.at);
  const parts: Buffer[] = [];
  let from = 0;
  for (const { at, end } of found) {
    parts.push(Buffer.from(html.slice(from, at)));
    from = end;
  }
  parts.push(Buffer.from(html.slice(from)));
  return {
    parts,
    order: found.map((f) => f.index),
    deflated: parts.map((part) => deflatePart(part, 9)),
    crcs: parts.map((part) => crc32(part)),
  };
}

/** The page with `values` in place of its placeholders, uncompressed. */
export function splicedIdentity(page: SplicedPage, values: string[]): Buffer {
  return Buffer.concat(
    page.parts.flatMap((part, i) =>
      i < page.order.length ? [part, Buffer.from(values[page.order[i] as number] as string)] : [part],
    ),
  );
}

/** The page with `values` in place of its placeholders, as one gzip stream. */
export function splicedGzip(page: SplicedPage, values: string[]): Buffer {
  const chunks: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let length = 0;
  page.parts.forEach((part, i) => {
    chunks.push(page.deflated[i] as Buffer);
    crc = i === 0 ? (page.crcs[0] as number) : crc32(part, crc);
    length += part.length;
    if (i >= page.order.length) return;
    const value = values[page.order[i] as number] as string;
    const bytes = Buffer.from(value);
    chunks.push(storedBlock(bytes), bytes);
    crc = crc32(bytes, crc);
    length += bytes.length;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length >>> 0, 4);
  chunks.push(FINAL_BLOCK, trailer);
  return Buffer.concat(chunks);
}
