import { describe, expect, it } from 'vitest';
import { cookieConfig } from './cookie.ts';
import { DEFAULT_SESSION_POLICY } from './session-policy.ts';

describe('the staff cookie', () => {
  it('is a Secure __Host- cookie on an https site', () => {
    expect(cookieConfig('https://www.example-clinic.com', DEFAULT_SESSION_POLICY)).toMatchObject({
      name: '__Host-clinic_session',
      secure: true,
    });
  });

  it('drops the prefix and Secure on plain http, which browsers would otherwise refuse', () => {
    expect(cookieConfig('http://127.0.0.1:3000', DEFAULT_SESSION_POLICY)).toMatchObject({
      name: 'clinic_session',
      secure: false,
    });
  });

  it('outlives the 12-hour session by an hour, so a late form can still be kept', () => {
    expect(cookieConfig('https://x.example', DEFAULT_SESSION_POLICY).maxAgeSeconds).toBe(13 * 60 * 60);
  });
});
