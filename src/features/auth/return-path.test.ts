import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path.ts';

describe('safeReturnPath', () => {
  it('keeps a path inside the staff area, with its query', () => {
    expect(safeReturnPath('/staff/requests/3f2a?tab=notes')).toBe('/staff/requests/3f2a?tab=notes');
    expect(safeReturnPath('/staff/account')).toBe('/staff/account');
  });

  it('sends anything else to the inbox: other sites, other paths, the sign-in pages', () => {
    for (const bad of [
      'https://evil.example/staff/',
      '//evil.example/staff/',
      '/staff//evil.example',
      '/\\evil.example',
      '/en/',
      '/staffing',
      '/staff/sign-in?return=/staff/',
      '/staff/sign-out',
      'javascript:alert(1)',
      undefined,
      42,
      `/staff/${'a'.repeat(600)}`,
    ]) {
      expect(safeReturnPath(bad), String(bad)).toBe('/staff/');
    }
  });
});
