/** Random CSV exports for property tests: well-formed ones as exporters write them, and damage to apply. */
import fc from 'fast-check';

export const headers = [
  'RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames',
  'CreationDate,UserIds,Operations,AuditData',
  '"CreationDate","UserIds","Operations","AuditData"',
  'TenantId,RecordType,TimeGenerated [UTC],Operation,UserId,OfficeWorkload,Parameters,OfficeId,Type',
];
const cellTokens = ['', 'a', 'x y', 'é', '–', '\u0000', ' ', '1', 'MailItemsAccessed', '5/1/2024 10:00:00 AM', '2024-05-01T10:00:00Z',
  '{"CreationTime":"2024-05-01T10:00:00","Operation":"Send","Id":"1"}', 'line\nbreak', 'cr\r\nlf', '"', '""', ','];
/** A cell as an export writes it: plain, or quoted with its quotes doubled. */
export const cell = fc.tuple(fc.array(fc.constantFrom(...cellTokens), { maxLength: 4 }), fc.boolean()).map(([parts, quoted]) => {
  const text = parts.join('');
  return quoted || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
});
export const wellFormed = fc.tuple(
  fc.constantFrom(...headers), fc.constantFrom('\n', '\r\n'),
  fc.array(fc.array(cell, { minLength: 1, maxLength: 9 }), { maxLength: 12 }), fc.boolean(),
).map(([header, eol, rows, lastEol]) => header + eol + rows.map((r) => r.join(',')).join(eol) + (lastEol ? eol : ''));
/** Damage an export can carry: stray quotes, other line breaks, cut files. */
export const damage = fc.constantFrom('"', '\r', '\n', '\r\n', 'x"y', '""', ',', '"a"b', '\n\n', '');

/** `text` with each damage inserted at its place (positions wrap around the text). */
export function damaged(text: string, hits: ReadonlyArray<readonly [number, string]>): string {
  let out = text;
  for (const [at, what] of hits) {
    const i = out.length === 0 ? 0 : at % out.length;
    out = out.slice(0, i) + what + out.slice(i);
  }
  return out;
}
