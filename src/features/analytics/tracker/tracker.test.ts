import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { REQUEST_PATH } from '../../content/index.ts';
import { COLLECT_PATH } from '../collect.ts';
import { UTM_KEYS } from '../normalize.ts';
import { EVENT_NAMES } from '../payload.ts';
import { ENDPOINT, FORM_EVENTS, REQUEST_PATHS, SELF_CHECK_EVENTS, UTM_PARAMS } from './config.ts';
import { RESULT_EVENTS } from '../../self-check/index.ts';

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [new URL('./tracker.ts', import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    legalComments: 'none',
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('the tracker', () => {
  it('agrees with the server on the endpoint, the request paths, the UTM keys and the event names', () => {
    expect(ENDPOINT).toBe(COLLECT_PATH);
    expect(REQUEST_PATHS).toEqual(Object.values(REQUEST_PATH));
    expect(UTM_PARAMS).toEqual([...UTM_KEYS]);
    for (const name of FORM_EVENTS) expect(EVENT_NAMES).toContain(name);
    for (const name of SELF_CHECK_EVENTS) expect(EVENT_NAMES).toContain(name);
    expect(SELF_CHECK_EVENTS).toEqual(['self_check_start', ...Object.values(RESULT_EVENTS)]);
  });

  it('is at most 1 KB gzipped, as built for the pages', async () => {
    const code = await bundle();
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(1024);
  });

  it('touches no cookie, no storage and no fingerprinting surface', async () => {
    const code = await bundle();
    const apis = [
      'cookie',
      'Storage',
      'indexedDB',
      'canvas',
      'screen',
      '.plugins',
      '.userAgent',
      '.language',
      'hardwareConcurrency',
      'deviceMemory',
      'getContext',
    ];
    for (const api of apis) expect(code, api).not.toContain(api);
    // The only values read from the page are the link's address and the form's field names.
    expect(code).not.toMatch(/\.value\b/);
  });
});
