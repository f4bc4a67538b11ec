import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { imageSize } from 'image-size';
import type { Clinic } from '../config/clinic.ts';
import { ConfigError } from '../config/env.ts';

/** A first-party image the pages show, read once at start. */
export type ImageFile = {
  name: string;
  bytes: Uint8Array;
  width: number;
  height: number;
  contentType: string;
};

const CONTENT_TYPES: Record<string, string> = {
  svg: 'image/svg+xml',
  webp: 'image/webp',
  avif: 'image/avif',
  jpg: 'image/jpeg',
  png: 'image/png',
};

/**
 * Reads an image named in the clinic config, with its size for the width and height
 * attributes (so nothing moves as it loads). A missing, unreadable or too heavy file stops the
 * start with the config field that names it.
 */
export function readImage(path: string, field: string, maxBytes: number): ImageFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new ConfigError(`Invalid clinic config: ${field}: the file ${path} cannot be read`);
  }
  if (bytes.byteLength > maxBytes) {
    throw new ConfigError(
      `Invalid clinic config: ${field}: ${path} weighs ${Math.ceil(bytes.byteLength / 1024)} KB; keep it under ${maxBytes / 1024} KB (a 480 px wide WebP at quality 75 is usually 20-30 KB)`,
    );
  }
  let size: { width?: number; height?: number; type?: string };
  try {
    size = imageSize(bytes);
  } catch {
    size = {};
  }
  const contentType = CONTENT_TYPES[size.type === 'jpeg' ? 'jpg' : (size.type ?? '')];
  if (!size.width || !size.height || !contentType) {
    throw new ConfigError(
      `Invalid clinic config: ${field}: ${path} is not an image with a width and height (SVG needs width and height or a viewBox)`,
    );
  }
  return { name: basename(path), bytes, width: size.width, height: size.height, contentType };
}

/** Per file, so a page with the logo and a few photos stays inside its 80 KB image budget. */
export const MAX_LOGO_BYTES = 8 * 1024;
export const MAX_PHOTO_BYTES = 30 * 1024;

export type ClinicImages = { logo: ImageFile; photos: { photo: ImageFile; fallback?: ImageFile }[] };

/** The logo and every physician's photo (with its fallback), read and checked at start. */
export function readClinicImages(clinic: Clinic): ClinicImages {
  return {
    logo: readImage(clinic.logo, 'logo', MAX_LOGO_BYTES),
    photos: clinic.physicians.map((p, i) => ({
      photo: readImage(p.photo, `physicians.${i}.photo`, MAX_PHOTO_BYTES),
      ...(p.photoFallback
        ? { fallback: readImage(p.photoFallback, `physicians.${i}.photoFallback`, MAX_PHOTO_BYTES) }
        : {}),
    })),
  };
}
