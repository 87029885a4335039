/**
 * CSV per RFC 4180: records end with CRLF; a field containing a comma, a double quote, CR or LF
 * is enclosed in double quotes, with each inner double quote doubled (§2.5–2.7). Numbers are
 * written in full precision (JavaScript's shortest round-trip form); null, undefined and
 * non-finite numbers are empty fields.
 */
import { writeFileAtomic } from '../fs/atomic-write.js';

export type CsvCell = string | number | boolean | null | undefined;

function field(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV text of a header row and data rows (every row must have the header's length). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(field).join(',')];
  rows.forEach((row, i) => {
    if (row.length !== header.length) throw new RangeError(`rows[${i}] has ${row.length} fields, the header has ${header.length}`);
    lines.push(row.map(field).join(','));
  });
  return `${lines.join('\r\n')}\r\n`;
}

/** Writes a CSV file (UTF-8, atomically). */
export function writeCsv(path: string, header: readonly string[], rows: readonly (readonly CsvCell[])[]): void {
  writeFileAtomic(path, toCsv(header, rows));
}
