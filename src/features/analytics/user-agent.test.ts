import { describe, expect, it } from 'vitest';
import { createAgentCache, isBotUserAgent, reduceUserAgent } from './user-agent.ts';

const UA = {
  iphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
  android:
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
  samsung:
    'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
  ipad: 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0 Mobile/15E148 Safari/604.1',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0',
  mac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
  firefox: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
};

describe('reduceUserAgent', () => {
  it('keeps browser family, OS family and device class only', () => {
    expect(reduceUserAgent(UA.iphone)).toEqual({ browser: 'Safari', os: 'iOS', device: 'phone' });
    expect(reduceUserAgent(UA.android)).toEqual({ browser: 'Chrome', os: 'Android', device: 'phone' });
    expect(reduceUserAgent(UA.samsung)).toEqual({
      browser: 'Samsung Internet',
      os: 'Android',
      device: 'phone',
    });
    expect(reduceUserAgent(UA.ipad)).toEqual({ browser: 'Chrome', os: 'iOS', device: 'tablet' });
    expect(reduceUserAgent(UA.edge)).toEqual({ browser: 'Edge', os: 'Windows', device: 'desktop' });
    expect(reduceUserAgent(UA.mac)).toEqual({ browser: 'Safari', os: 'macOS', device: 'desktop' });
    expect(reduceUserAgent(UA.firefox)).toEqual({ browser: 'Firefox', os: 'Linux', device: 'desktop' });
  });

  it('folds rare families into "Other" so the three cannot single anyone out', () => {
    const rare = reduceUserAgent(
      'Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko)',
    );
    expect(rare.browser).toBe('Other');
    expect(rare.os).toBe('Other');
    expect(rare.device).toBe('other');
  });
});

describe('isBotUserAgent', () => {
  it('passes real browsers', () => {
    for (const ua of Object.values(UA)) expect(isBotUserAgent(ua), ua).toBe(false);
  });

  it('drops crawlers, HTTP libraries, headless browsers, speed tests and empty agents', () => {
    for (const ua of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0; +https://openai.com/gptbot)',
      'curl/8.5.0',
      'python-requests/2.31.0',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/130.0.0.0 Safari/537.36',
      `${UA.edge} Chrome-Lighthouse`,
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 PTST/240101',
      '',
      undefined,
    ])
      expect(isBotUserAgent(ua), String(ua)).toBe(true);
  });
});

describe('createAgentCache', () => {
  it('gives the reduced agent for browsers, null for robots, and stays within its limit', () => {
    const agentOf = createAgentCache(2);
    expect(agentOf(UA.iphone)).toEqual({ browser: 'Safari', os: 'iOS', device: 'phone' });
    expect(agentOf('curl/8.5.0')).toBeNull();
    expect(agentOf(UA.edge)?.browser).toBe('Edge');
    expect(agentOf(UA.iphone)?.os).toBe('iOS');
  });
});
