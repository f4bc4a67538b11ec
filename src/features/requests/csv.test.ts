import { parseCsv } from '../../../tests/setup/csv.ts';
import { describe, expect, it } from 'vitest';
import { cellText, exportCsv, fieldsByColumn, safeCell, type ExportRecord } from './csv.ts';

const record: ExportRecord = {
  id: 'r-1',
  reference: '7K3M-Q8ZD',
  receivedAt: new Date('2025-05-01T12:00:00Z'),
  locale: 'es',
  status: 'new',
  sourcePage: '/es/solicitud',
  campaign: null,
  fields: {
    'given-name': 'José',
    'family-name': "O'Brien-Núñez",
    tel: '+12135550142',
    'pain-area': ['neck', 'low-back'],
    'pain-level': 7,
    message: 'Line one, "quoted"\nline two',
    consent: true,
    'from-a-later-form': 'kept',
  },
};

describe('safeCell', () => {
  it.each(['=SUM(A1)', '+1', '-2', '@cmd', '\tx', '\rx'])('prefixes %j with an apostrophe', (text) => {
    expect(safeCell(text)).toBe(`'${text}`);
  });

  it('leaves ordinary text alone', () => {
    expect(safeCell('Ana = friend')).toBe('Ana = friend');
  });
});

describe('cellText', () => {
  it('joins lists, spells booleans and leaves missing values empty', () => {
    expect(cellText(['neck', 'legs'])).toBe('neck; legs');
    expect(cellText(false)).toBe('no');
    expect(cellText(undefined)).toBe('');
    expect(cellText(['=1+1'])).toBe("'=1+1");
  });
});

describe('exportCsv', () => {
  it('writes one header and one row per request, quoting what needs it, keeping every field', () => {
    const csv = exportCsv([record]);
    const [header, row] = parseCsv(csv);
    const cell = (name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(header?.slice(0, 8)).toEqual([
      'id',
      'reference',
      'received_at',
      'locale',
      'status',
      'source_page',
      'campaign',
      'given-name',
    ]);
    expect(header?.at(-1)).toBe('from-a-later-form');
    expect(cell('received_at')).toBe('2025-05-01T12:00:00.000Z');
    expect(cell('family-name')).toBe("O'Brien-Núñez");
    expect(cell('tel')).toBe("'+12135550142");
    expect(cell('pain-area')).toBe('neck; low-back');
    expect(cell('message')).toBe('Line one, "quoted"\nline two');
    expect(cell('consent')).toBe('yes');
    expect(cell('from-a-later-form')).toBe('kept');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('quotes a bare line break, so a message over several lines stays one row', () => {
    const lines = { ...record, fields: { message: 'Line one\nline two\rthree' } };
    const rows = parseCsv(exportCsv([lines, lines]));
    expect(rows).toHaveLength(3);
    expect(rows[1]?.[rows[0]?.indexOf('message') ?? -1]).toBe('Line one\nline two\rthree');
  });

  it('starts with a byte-order mark only when asked', () => {
    expect(exportCsv([record], { bom: true }).startsWith('\uFEFF')).toBe(true);
    expect(exportCsv([record]).startsWith('id,')).toBe(true);
  });
});

describe('fieldsByColumn', () => {
  it('names each sealed property by its form field, drops the version and keeps unknown ones', () => {
    expect(fieldsByColumn({ version: 1, givenName: 'Ana', painAreas: ['neck'], laterField: 'x' })).toEqual({
      'given-name': 'Ana',
      'pain-area': ['neck'],
      laterField: 'x',
    });
  });
});
