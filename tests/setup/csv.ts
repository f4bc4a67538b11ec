import { execFileSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'csv-parse/sync';

/** The CSV as Python's csv module reads it (the reader most data tools use); a BOM is dropped. */
export function parseWithPython(csv: string): string[][] {
  const script =
    'import csv,io,json,sys\n' +
    'data=sys.stdin.buffer.read().decode("utf-8-sig")\n' +
    'print(json.dumps(list(csv.reader(io.StringIO(data, newline="")))))';
  return JSON.parse(execFileSync('python3', ['-c', script], { input: csv }).toString()) as string[][];
}

/**
 * The CSV read back by two independent readers, Python's csv module and csv-parse, which must
 * agree field for field (quoted line breaks, doubled quotes, CRLF line ends, a leading BOM).
 */
export function parseCsv(text: string): string[][] {
  const byPython = parseWithPython(text);
  const byLibrary = parse(text, { bom: true, relax_column_count: true }) as string[][];
  if (!isDeepStrictEqual(byPython, byLibrary)) {
    throw new Error(
      `Python's csv and csv-parse read the file differently: ${byPython.length} against ${byLibrary.length} rows`,
    );
  }
  return byPython;
}

/** CSV rows as objects keyed by the header line. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(text);
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}
