import { describe, expect, it } from 'vitest';
import { maskSecrets } from './mask-secrets.ts';

describe('maskSecrets', () => {
  it('shows user:***@host for every URL password, keeping the user and host', () => {
    expect(maskSecrets('got "http://user:s3cretpw@mail.example.com:587"')).toBe(
      'got "http://user:***@mail.example.com:587"',
    );
    expect(maskSecrets('postgres://clinic:p%40ss%3Aw0rd@db:5432/clinic and smtps://a:b@c')).toBe(
      'postgres://clinic:***@db:5432/clinic and smtps://a:***@c',
    );
    expect(maskSecrets('{"msg":"x","url":"smtp://:onlypass@relay"}')).toBe(
      '{"msg":"x","url":"smtp://:***@relay"}',
    );
  });

  it('leaves URLs without a password as they are', () => {
    const plain = 'postgres://clinic@db:5432/clinic https://www.example-clinic.com/a?b=c mailto:desk@x.com';
    expect(maskSecrets(plain)).toBe(plain);
  });
});
