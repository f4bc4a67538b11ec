import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv } from './csv.ts';

describe('neutraliseCell', () => {
  it('defuses text a spreadsheet would run as a formula', () => {
    for (const cell of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x'])
      expect(neutraliseCell(cell), cell).toBe(`'${cell}`);
  });

  it('leaves ordinary text, numbers (negative ones too) and empty cells alone', () => {
    expect(neutraliseCell('/en/faq')).toBe('/en/faq');
    expect(neutraliseCell('google.com')).toBe('google.com');
    expect(neutraliseCell(-12.5)).toBe(-12.5);
    expect(neutraliseCell(null)).toBeNull();
  });
});

describe('toCsv', () => {
  it('quotes commas and quotes, neutralises every text cell, and ends lines with CRLF', () => {
    expect(
      toCsv(
        ['Campaign', 'Visits'],
        [
          ['=HYPERLINK("http://x")', 3],
          ['spring, "big"', null],
        ],
      ),
    ).toBe('Campaign,Visits\r\n"\'=HYPERLINK(""http://x"")",3\r\n"spring, ""big""",\r\n');
  });
});
