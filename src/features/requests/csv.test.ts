import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  cellText,
  clinicDateTime,
  exportCsv,
  fieldsByColumn,
  phoneText,
  safeCell,
  type ExportOptions,
  type ExportRecord,
} from './csv.ts';
import { parseWithPython } from '../../../tests/setup/csv.ts';

const LA = 'America/Los_Angeles';
const en: ExportOptions = { locale: 'en', timeZone: LA };
const es: ExportOptions = { locale: 'es', timeZone: LA };

const record: ExportRecord = {
  id: 'r-1',
  reference: '7K3M-Q8ZD',
  receivedAt: new Date('2025-05-01T12:00:00Z'),
  locale: 'es',
  status: 'new',
  sourcePage: '/es/solicitud',
  campaign: 'radio-la-primavera',
  attribution: {
    landingPage: '/es/como-funciona',
    utmSource: 'radio',
    utmMedium: 'offline',
    utmTerm: null,
    utmContent: '=spot, 30 s',
  },
  fields: {
    'given-name': 'José',
    'family-name': "O'Brien-Núñez",
    tel: '+12135550142',
    'contact-method': 'text',
    'pain-area': ['neck', 'low-back'],
    'pain-level': 7,
    insurance: null,
    message: 'Line one, "quoted"\nline two',
    consent: true,
    'from-a-later-form': 'kept',
  },
};

/** Every awkward thing a cell can hold: line breaks of each kind, quotes, commas, formula starts. */
const AWKWARD = [
  'Line one\nline two',
  'carriage\rreturn',
  'windows\r\nbreak',
  'He said "ouch", twice',
  'a,b,c',
  '=HYPERLINK("http://evil.example")',
  '+1 and more',
  '-2',
  '@SUM(A1)',
  '\tleading tab',
  '\rleading CR',
  'trailing break\n',
  '""',
  'Núñez-O’Brien, ñ',
];

function awkwardRecords(): ExportRecord[] {
  return AWKWARD.map((message, i) => ({
    ...record,
    id: `r-${i}`,
    reference: `AAAA-000${i % 10}`,
    fields: { ...record.fields, message, 'heard-from': `${message} (${i})` },
  }));
}

/** What a spreadsheet should show for a cell: the text with the formula guard applied. */
const expectedCell = (text: string) => safeCell(text);

describe('safeCell', () => {
  it.each(['=SUM(A1)', '+1', '-2', '@cmd', '\tx', '\rx'])('prefixes %j with an apostrophe', (text) => {
    expect(safeCell(text)).toBe(`'${text}`);
  });

  it('leaves ordinary text alone', () => {
    expect(safeCell('Ana = friend')).toBe('Ana = friend');
  });
});

describe('cellText', () => {
  it('joins lists, spells booleans in the language and leaves missing values empty', () => {
    expect(cellText(['neck', 'legs'])).toBe('neck; legs');
    expect(cellText(false)).toBe('No');
    expect(cellText(true, 'es')).toBe('Sí');
    expect(cellText(undefined)).toBe('');
    expect(cellText(['=1+1'])).toBe("'=1+1");
  });
});

describe('phoneText', () => {
  it('writes a US number as people dial it, needing no apostrophe', () => {
    expect(phoneText('+12135550142')).toBe('(213) 555-0142');
  });

  it('writes another country in international form, which the formula guard still covers', () => {
    expect(phoneText('+442071838750')).toBe("'+44 20 7183 8750");
  });

  it('keeps an unreadable value, guarded', () => {
    expect(phoneText('=1+1')).toBe("'=1+1");
    expect(phoneText(null)).toBe('');
  });
});

describe('clinicDateTime', () => {
  it('writes the instant in the clinic zone, across daylight saving', () => {
    expect(clinicDateTime(new Date('2025-05-01T12:00:00Z'), LA)).toBe('2025-05-01 05:00');
    expect(clinicDateTime(new Date('2025-12-01T12:00:00Z'), LA)).toBe('2025-12-01 04:00');
  });
});

describe('exportCsv', () => {
  it('labels columns in English, writes choices as words, times in the clinic zone, phones national', () => {
    const [row] = parse(exportCsv([record], en), { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(row ?? {}).slice(0, 13)).toEqual([
      'Request number',
      'Received (America/Los_Angeles)',
      'Form language',
      'Status',
      'Sent from page',
      'Landing page',
      'Source (utm_source)',
      'Medium (utm_medium)',
      'Campaign',
      'Term (utm_term)',
      'Content (utm_content)',
      'Internal id',
      'First name',
    ]);
    expect(row).toMatchObject({
      'Request number': '7K3M-Q8ZD',
      'Received (America/Los_Angeles)': '2025-05-01 05:00',
      'Form language': 'Spanish',
      Status: 'New',
      'Last name': "O'Brien-Núñez",
      Phone: '(213) 555-0142',
      'Contact by': 'Text message',
      'Pain area': 'Neck; Lower back',
      'Pain today (0-10)': '7',
      Insurance: '',
      Message: 'Line one, "quoted"\nline two',
      'Agreed to be contacted': 'Yes',
      'from-a-later-form': 'kept',
      // The campaign of the visit that sent it, a formula-like value guarded like any other cell.
      'Landing page': '/es/como-funciona',
      'Source (utm_source)': 'radio',
      'Medium (utm_medium)': 'offline',
      Campaign: 'radio-la-primavera',
      'Term (utm_term)': '',
      'Content (utm_content)': "'=spot, 30 s",
    });
  });

  it('leaves the campaign columns empty for a request without a visit', () => {
    const { attribution: _none, ...older } = record;
    const [row] = parse(exportCsv([{ ...older, campaign: null }], en), { columns: true }) as Record<
      string,
      string
    >[];
    expect(row).toMatchObject({
      'Landing page': '',
      'Source (utm_source)': '',
      'Medium (utm_medium)': '',
      Campaign: '',
      'Term (utm_term)': '',
      'Content (utm_content)': '',
    });
  });

  it('labels columns and writes choices in Spanish for a member who reads Spanish', () => {
    const [row] = parse(exportCsv([record], es), { columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({
      'Número de solicitud': '7K3M-Q8ZD',
      'Idioma del formulario': 'Español',
      Estado: 'Nueva',
      'Contactar por': 'Mensaje de texto',
      'Zona del dolor': 'Cuello; Parte baja de la espalda',
      'Aceptó ser contactada': 'Sí',
      'Página de llegada': '/es/como-funciona',
      'Origen (utm_source)': 'radio',
      'Medio (utm_medium)': 'offline',
      Campaña: 'radio-la-primavera',
      'Término (utm_term)': '',
      'Contenido (utm_content)': "'=spot, 30 s",
    });
  });

  it('keeps a message over several lines in one row: parsed back by csv-parse and by Python, field for field', () => {
    const records = awkwardRecords();
    const csv = exportCsv(records, { ...en, bom: true });
    const withLibrary = parse(csv, { bom: true, relax_quotes: false }) as string[][];
    const withPython = parseWithPython(csv);
    expect(withLibrary).toHaveLength(records.length + 1);
    expect(withPython).toEqual(withLibrary);
    const header = withLibrary[0] ?? [];
    const message = header.indexOf('Message');
    const heard = header.indexOf('Heard about us');
    records.forEach((r, i) => {
      const text = String(r.fields.message);
      expect(withLibrary[i + 1]?.[message]).toBe(expectedCell(text));
      expect(withLibrary[i + 1]?.[heard]).toBe(expectedCell(`${text} (${i})`));
      expect(withLibrary[i + 1]?.[header.indexOf('Request number')]).toBe(r.reference);
      expect(withLibrary[i + 1]?.[header.indexOf('Content (utm_content)')]).toBe("'=spot, 30 s");
      expect(withLibrary[i + 1]?.[header.indexOf('Landing page')]).toBe('/es/como-funciona');
    });
  });

  it('quotes every field holding a line break, a quote or a comma', () => {
    const csv = exportCsv(
      [
        {
          ...record,
          fields: { message: 'a\nb', 'heard-from': 'c\rd', 'given-name': 'e"f', 'family-name': 'g,h' },
        },
      ],
      en,
    );
    for (const cell of ['"a\nb"', '"c\rd"', '"e""f"', '"g,h"']) expect(csv).toContain(cell);
  });

  it('adds the contact history and the notes when asked, in time order, in the clinic zone', () => {
    const withHistory: ExportRecord = {
      ...record,
      history: {
        calls: [{ at: new Date('2025-05-02T17:00:00Z'), by: 'ana@clinic.test', outcome: 'no_answer' }],
        changes: [
          { at: new Date('2025-05-03T17:00:00Z'), by: 'ana@clinic.test', from: 'new', to: 'contacted' },
        ],
        notes: [
          { at: new Date('2025-05-03T17:05:00Z'), by: 'ana@clinic.test', text: 'Call after 5,\n"please"' },
          { at: new Date('2025-05-03T17:06:00Z'), by: 'bo@clinic.test', text: null },
        ],
      },
    };
    const csv = exportCsv([withHistory], { ...en, withHistory: true });
    const [row] = parse(csv, { columns: true }) as Record<string, string>[];
    expect(row?.['Contact history']).toBe(
      '2025-05-02 10:00 · No answer · ana@clinic.test\n2025-05-03 10:00 · Status: New → Contacted · ana@clinic.test',
    );
    expect(row?.Notes).toBe(
      '2025-05-03 10:05 · ana@clinic.test: Call after 5,\n"please"\n2025-05-03 10:06 · bo@clinic.test: (this note did not open)',
    );
    expect(parseWithPython(csv)[1]).toEqual(Object.values(row ?? {}));
    const [plain] = parse(exportCsv([withHistory], en), { columns: true }) as Record<string, string>[];
    expect(Object.keys(plain ?? {})).not.toContain('Notes');
  });

  it('starts with a byte-order mark only when asked', () => {
    expect(exportCsv([record], { ...en, bom: true }).startsWith('\uFEFF')).toBe(true);
    expect(exportCsv([record], en).startsWith('Request number,')).toBe(true);
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
