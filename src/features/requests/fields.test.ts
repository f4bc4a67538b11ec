import { describe, expect, it } from 'vitest';
import { MESSAGE_KEYS, ruleMessage } from './fields.ts';

describe('rule messages', () => {
  it('exist in English and Spanish for every rule, and differ between them', () => {
    expect(MESSAGE_KEYS.length).toBeGreaterThan(25);
    for (const key of MESSAGE_KEYS) {
      const en = ruleMessage('en', { key, count: 2100 });
      const es = ruleMessage('es', { key, count: 2100 });
      expect(en.length, key).toBeGreaterThan(10);
      expect(es.length, key).toBeGreaterThan(10);
      expect(es, key).not.toBe(en);
    }
  });
});
