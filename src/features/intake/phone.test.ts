import { describe, expect, it } from 'vitest';
import { litePhoneCheck } from './phone-lite.ts';
import { serverPhoneCheck } from './phone-server.ts';

const SAMPLES = [
  '213 555 0142',
  '(213) 555-0142',
  '213.555.0142',
  '2135550142',
  '1 213 555 0142',
  '+1 213 555 0142',
  '+1 (310) 555-0199',
  '800 555 1212',
  '(787) 555-0123', // Puerto Rico: North American plan
  '+52 55 1234 5678',
  '011 52 55 1234 5678',
  '+44 20 7946 0958',
  '555 0142',
  '123 456 7890',
  '213 155 0142',
  '213 555 01423',
  '+1 213 555 014',
  '0',
  '+',
];

describe('phone checks', () => {
  it('normalise US numbers to E.164 on the server, with libphonenumber-js', () => {
    expect(serverPhoneCheck('(213) 555-0142')).toBe('+12135550142');
    expect(serverPhoneCheck('+52 55 1234 5678')).toBe('+525512345678');
    expect(serverPhoneCheck('555 0142')).toBeNull();
    expect(serverPhoneCheck('213 555 0142 ext. 7')).toBeNull();
  });

  it('agree in the browser: the same E.164 for every number the server takes', () => {
    for (const typed of SAMPLES) {
      const server = serverPhoneCheck(typed);
      if (server !== null) expect(litePhoneCheck(typed), typed).toBe(server);
    }
  });

  it('refuse in the browser every North American number the server refuses', () => {
    for (const typed of SAMPLES.filter((s) => !/^(\+[2-9]|011)/.test(s))) {
      if (serverPhoneCheck(typed) === null) expect(litePhoneCheck(typed), typed).toBeNull();
    }
  });
});
