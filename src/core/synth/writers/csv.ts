const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV cell: quoted (with "" doubling) only when it contains a comma, a quote or a line break. */
export function csvCell(v: string): string {
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvRow(cells: readonly string[]): string {
  let s = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) s += ',';
    s += csvCell(cells[i]!);
  }
  return `${s}\n`;
}

/** The UTF-8 byte order mark Log Analytics CSV exports start with. */
export const BOM = '\uFEFF';

/** A row from named values, in header order ('' for names without a value). */
export function rowFromMap(header: readonly string[], values: ReadonlyMap<string, string>): string {
  return csvRow(header.map((h) => values.get(h) ?? ''));
}
