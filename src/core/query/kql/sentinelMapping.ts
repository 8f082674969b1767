/** How a catalogue table and its columns appear in Microsoft Sentinel (from `sentinelTable` and `sentinel`). */
import type { SchemaProvider } from '../schemaProvider';

export type SentinelColumn =
  | { readonly kind: 'rename'; readonly name: string }       // Time -> TimeGenerated
  | { readonly kind: 'expression'; readonly kql: string }    // City -> tostring(LocationDetails.city)
  | { readonly kind: 'none' };                               // derived by exo-audit, no Sentinel column

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function sentinelTableOf(schema: SchemaProvider, table: string): string | undefined {
  return schema.table(table)?.def?.sentinelTable;
}

export function sentinelColumnOf(schema: SchemaProvider, table: string, column: string): SentinelColumn | undefined {
  const t = schema.table(table);
  if (!t?.def) return undefined;
  const c = t.columns.find((x) => x.name === column);
  if (!c?.def) return undefined;
  const s = c.def.sentinel;
  if (!s) return { kind: 'none' };
  return identifier.test(s) ? { kind: 'rename', name: s } : { kind: 'expression', kql: s };
}
