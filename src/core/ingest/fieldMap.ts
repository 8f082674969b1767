/**
 * Compiles the catalogue's "from" lists into per-family lookup maps: source key
 * (any case) -> the column it feeds, its preference, and the rest of a dotted path.
 */
import type { SourceFamily, TableDef } from '../schema/types';

export interface FieldTarget {
  /** Column index in the table definition. */
  readonly column: number;
  /** Lower is preferred (position in the column's "from" list). */
  readonly rank: number;
  /** Remaining path segments below the matched key, for nested values. */
  readonly rest: readonly string[];
}

export class FieldMap {
  private readonly byLower = new Map<string, FieldTarget[]>();
  /** Exact-key cache: JSON.parse gives the same key strings again and again, so this avoids toLowerCase per key. */
  private readonly byExact = new Map<string, FieldTarget[] | null>();

  constructor(table: TableDef, family: SourceFamily, rankOffset = 0) {
    table.columns.forEach((col, column) => {
      const paths = col.from[family];
      if (!paths) return;
      paths.forEach((path, rank) => {
        const [head, ...rest] = splitPath(path);
        const key = head!.toLowerCase();
        const list = this.byLower.get(key) ?? [];
        list.push({ column, rank: rank + rankOffset, rest });
        this.byLower.set(key, list);
      });
    });
  }

  lookup(key: string): FieldTarget[] | null {
    let hit = this.byExact.get(key);
    if (hit === undefined) {
      hit = this.byLower.get(key.toLowerCase()) ?? null;
      if (this.byExact.size < 50_000) this.byExact.set(key, hit);
    }
    return hit;
  }
}

/** Splits 'TimeGenerated [UTC]' as one key and 'location.geoCoordinates.latitude' into segments. */
function splitPath(path: string): string[] {
  return path.includes(' ') ? [path] : path.split('.');
}

/** Follows a dotted path case-insensitively, parsing JSON held in strings on the way. */
export function resolvePath(value: unknown, rest: readonly string[]): unknown {
  let v = value;
  for (const seg of rest) {
    if (typeof v === 'string') v = tryParseObject(v);
    if (v === null || typeof v !== 'object') return undefined;
    const o = v as Record<string, unknown>;
    if (seg in o) v = o[seg];
    else {
      const lower = seg.toLowerCase();
      const key = Object.keys(o).find((k) => k.toLowerCase() === lower);
      v = key === undefined ? undefined : o[key];
    }
  }
  return v;
}

function tryParseObject(s: string): unknown {
  const t = s.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}
