import { describe, expect, it } from 'vitest';
import { validAnswers } from '../../../tests/setup/request-form.ts';
import { parseSealedRequest, serializeRequestFields } from './request-fields.ts';
import { serverPhoneCheck } from './phone-server.ts';
import { readForm, validateRequest } from './rules.ts';

function fields() {
  const data = new FormData();
  for (const [name, value] of Object.entries(validAnswers()))
    for (const v of [value].flat()) data.append(name, v);
  const result = validateRequest(readForm(data), serverPhoneCheck);
  if (!result.ok) throw new Error('valid answers did not validate');
  return result.fields;
}

describe('parseSealedRequest', () => {
  it('reads back exactly what was sealed, from bytes or text', () => {
    const bytes = serializeRequestFields(fields());
    expect(parseSealedRequest(bytes)).toEqual(fields());
    expect(parseSealedRequest(new TextDecoder().decode(bytes))).toEqual(fields());
  });

  it('names the fields that do not fit, never their values', () => {
    const broken = { ...fields(), painLevel: 'very bad', tel: 'Ana 213' };
    expect(() => parseSealedRequest(JSON.stringify(broken))).toThrow(/painLevel, tel|tel, painLevel/);
    expect(() => parseSealedRequest(JSON.stringify(broken))).not.toThrow(/very bad|Ana/);
    expect(() => parseSealedRequest('{not json')).toThrow('not valid JSON');
    expect(() => parseSealedRequest(JSON.stringify({ ...fields(), version: 2 }))).toThrow(/version/);
  });
});
