import { describe, expect, it } from 'vitest';
import { buildRequestFields, newMarker } from '../../../tests/setup/patient.ts';
import { parseSealedRequest, serializeRequestFields } from './record.ts';

const marker = newMarker();
const fields = () => buildRequestFields(marker);

describe('parseSealedRequest', () => {
  it('reads back exactly what was sealed, from bytes or text', () => {
    const bytes = serializeRequestFields(fields());
    expect(parseSealedRequest(bytes)).toEqual(fields());
    expect(parseSealedRequest(new TextDecoder().decode(bytes))).toEqual(fields());
  });

  it('opens a document sealed before a field that may be left empty existed, as not given', () => {
    const { heardFrom: _h, email: _e, insurance: _i, ...older } = fields();
    expect(parseSealedRequest(JSON.stringify(older))).toEqual({
      ...fields(),
      heardFrom: null,
      email: null,
      insurance: null,
    });
    const { givenName: _g, ...broken } = fields();
    expect(() => parseSealedRequest(JSON.stringify(broken))).toThrow(/givenName/);
  });

  it('names the fields that do not fit, never their values', () => {
    const broken = { ...fields(), painLevel: 'very bad', tel: 'Ana 213' };
    expect(() => parseSealedRequest(JSON.stringify(broken))).toThrow(/painLevel, tel|tel, painLevel/);
    expect(() => parseSealedRequest(JSON.stringify(broken))).not.toThrow(/very bad|Ana/);
    expect(() => parseSealedRequest('{not json')).toThrow('not valid JSON');
    expect(() => parseSealedRequest(JSON.stringify({ ...fields(), version: 2 }))).toThrow(/version/);
  });
});
