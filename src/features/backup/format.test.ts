import { describe, expect, it } from 'vitest';
import {
  BackupError,
  checkHeaderTables,
  checkSchemaVersion,
  headerLine,
  parseHeader,
  parseRowLine,
  rowLine,
  type BackupHeader,
} from './format.ts';
import { unclassifiedTables } from './tables.ts';

const header: BackupHeader = {
  format: 'clinic-site-backup',
  version: 1,
  schemaVersion: 10,
  createdAt: '2026-01-31T12:00:00.000Z',
  tables: [
    { name: 'staff', rows: 1 },
    { name: 'requests', rows: 2 },
  ],
};

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BackupError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('the header line', () => {
  it('reads back what was written', () => {
    expect(parseHeader(headerLine(header).trimEnd(), 'b.gz')).toEqual(header);
  });

  it('refuses what is not a backup, naming the file', () => {
    expect(refusal(() => parseHeader('hello', 'notes.txt'))).toBe('notes.txt is not a Clinic Site backup.');
    expect(refusal(() => parseHeader(undefined, 'empty.gz'))).toBe('empty.gz is not a Clinic Site backup.');
    expect(refusal(() => parseHeader('{"format":"other"}', 'x.gz'))).toBe(
      'x.gz is not a Clinic Site backup.',
    );
  });

  it('asks for a newer Clinic Site for a newer format, and calls a broken header damaged', () => {
    expect(refusal(() => parseHeader(JSON.stringify({ ...header, version: 2 }), 'b.gz'))).toBe(
      'b.gz is a backup of format 2, which this Clinic Site cannot read: upgrade Clinic Site first.',
    );
    expect(refusal(() => parseHeader(JSON.stringify({ ...header, tables: 'all' }), 'b.gz'))).toBe(
      'b.gz is a damaged Clinic Site backup: its header is not valid.',
    );
  });
});

describe('a row line', () => {
  it("keeps the row's JSON text exactly, beyond what a JavaScript number holds", () => {
    const row = '{"id":9007199254740993,"at":"2026-01-31T12:00:00.123456+00:00","sealed":"\\\\x00ff"}';
    const line = rowLine('audit_log', row);
    expect(line.endsWith('\n')).toBe(true);
    expect(parseRowLine(line.trimEnd(), 7, 'b.gz')).toEqual({ table: 'audit_log', rowJson: row });
  });

  it('refuses a line this format does not write, with its number', () => {
    for (const line of ['', '{"t":"staff"}', '{"t":"staff","r":[1]}', '{"r":{},"t":"staff"}', 'garbage']) {
      expect(refusal(() => parseRowLine(line, 12, 'b.gz'))).toBe(
        'b.gz is damaged: line 12 is not a backup row.',
      );
    }
  });
});

describe('schema versions', () => {
  it('accepts the same version only, and says what to do otherwise', () => {
    expect(() => checkSchemaVersion(10, 10)).not.toThrow();
    expect(refusal(() => checkSchemaVersion(11, 10))).toBe(
      'This backup was made by a newer Clinic Site (schema version 11; this one has 10): upgrade Clinic Site first, then restore.',
    );
    expect(refusal(() => checkSchemaVersion(9, 10))).toBe(
      'This backup has schema version 9 and this Clinic Site has 10: restore it with the Clinic Site release that made it, which a newer release then upgrades when it starts.',
    );
  });
});

describe('the tables a header lists', () => {
  it('are restored in the order of the code, parents first', () => {
    expect(checkHeaderTables(header, 'b.gz')).toEqual(['staff', 'requests']);
  });

  it('never include a table left out on purpose or unknown, nor come out of order', () => {
    const withSessions = { ...header, tables: [...header.tables, { name: 'staff_sessions', rows: 1 }] };
    expect(refusal(() => checkHeaderTables(withSessions, 'b.gz'))).toBe(
      'b.gz holds a table this Clinic Site does not restore ("staff_sessions").',
    );
    const injected = { ...header, tables: [{ name: 'staff; DROP TABLE requests', rows: 0 }] };
    expect(refusal(() => checkHeaderTables(injected, 'b.gz'))).toContain('does not restore');
    const reversed = { ...header, tables: [...header.tables].reverse() };
    expect(refusal(() => checkHeaderTables(reversed, 'b.gz'))).toBe(
      'b.gz is a damaged Clinic Site backup: its tables are out of order.',
    );
  });
});

describe('unclassifiedTables', () => {
  it('names a table neither backed up nor left out on purpose', () => {
    expect(unclassifiedTables(['staff', 'rate_limits', 'new_feature', 'schema_migrations'])).toEqual([
      'new_feature',
    ]);
  });
});
