/** Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned. */
export interface Column<T> {
  header: string;
  cell: (row: T) => string;
  align?: 'left' | 'right';
}

export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => c.cell(r)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i].length)));
  const pad = (s: string, i: number): string => (columns[i].align === 'right' ? s.padStart(widths[i]) : s.padEnd(widths[i]));
  const line = (r: string[]): string => r.map(pad).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** 12,345 — thousands separators, no decimals. */
export function fmtArea(km2: number): string {
  return Math.round(km2).toLocaleString('en-US');
}

/** Signed thousands: +1,234 / −567 / 0. */
export function fmtSigned(x: number): string {
  const r = Math.round(x);
  if (r === 0) return '0';
  return `${r > 0 ? '+' : '−'}${Math.abs(r).toLocaleString('en-US')}`;
}

/** "1.2 km" / "350 m" / "—". */
export function fmtAltitude(m: number | null): string {
  if (m === null) return '—';
  return m >= 1000 ? `${(m / 1000).toFixed(1)} km` : `${Math.round(m)} m`;
}
