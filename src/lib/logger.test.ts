import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

describe('createLogger', () => {
  it('never writes a URL password, in the message or in an error it carries', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    const error = new Error('connect failed for postgres://clinic:hunter22@db.internal:5432/clinic');
    logger.error({ err: error }, 'could not reach smtp://desk:s3cretpw@mail.example.com:587');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('smtp://desk:***@mail.example.com:587');
    expect(lines[0]).toContain('postgres://clinic:***@db.internal:5432/clinic');
    expect(lines[0]).not.toMatch(/hunter22|s3cretpw/);
  });
});
