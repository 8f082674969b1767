/**
 * Column buffers for one table, filled row by row and turned into an arquero table.
 * Times and source lines go into typed arrays; categorical strings are interned so a
 * million rows of "MailItemsAccessed" share one string.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { ColumnDef, TableDef } from '../schema/types';

class GrowableFloat64 {
  data = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** Where a row's original record is, so it can be re-read from the file instead of kept in memory. */
export interface RecordLocation {
  readonly fileIndex: number;
  /** 1-based line where the record starts (in the decoded text). */
  readonly line: number;
  /** Byte offset and length of the record in the decoded UTF-8 text. */
  readonly offset: number;
  readonly length: number;
}

export class TableBuilder {
  readonly def: TableDef;
  readonly columnIndex: ReadonlyMap<string, number>;
  private readonly stores: unknown[][] = [];
  private readonly interners: (Map<string, string> | null)[] = [];
  private readonly previous: unknown[] = [];
  private readonly time = new GrowableFloat64();
  private readonly timeColumn: number;
  private readonly fileIndex = new GrowableFloat64();
  private readonly offset = new GrowableFloat64();
  private readonly length = new GrowableFloat64();
  private readonly line = new GrowableFloat64();
  private rows = 0;

  constructor(def: TableDef, interned: ReadonlySet<string> = new Set()) {
    this.def = def;
    this.columnIndex = new Map(def.columns.map((c, i) => [c.name, i]));
    this.timeColumn = this.columnIndex.get('Time') ?? -1;
    for (const col of def.columns) {
      this.stores.push([]);
      this.interners.push(col.type === 'string' && (col.categorical || interned.has(col.name)) ? new Map() : null);
    }
  }

  get rowCount(): number {
    return this.rows;
  }

  /** Appends a row of already-converted values (in catalogue column order). Time goes separately. */
  append(values: readonly unknown[], time: number, loc: RecordLocation): void {
    const stores = this.stores;
    const interners = this.interners;
    const previous = this.previous;
    for (let i = 0; i < stores.length; i++) {
      if (i === this.timeColumn) continue;
      let v = values[i];
      const interner = interners[i];
      if (interner !== null && typeof v === 'string') {
        // Neighbouring rows mostly repeat a value: compare with the last one before hashing.
        if (v === previous[i]) v = previous[i];
        else {
          const hit = interner.get(v);
          if (hit === undefined) interner.set(v, v);
          else v = hit;
          previous[i] = v;
        }
      }
      stores[i]!.push(v);
    }
    this.time.push(time);
    this.fileIndex.push(loc.fileIndex);
    this.offset.push(loc.offset);
    this.length.push(loc.length);
    this.line.push(loc.line);
    this.rows++;
  }

  location(row: number): RecordLocation {
    return {
      fileIndex: this.fileIndex.data[row]!,
      line: this.line.data[row]!,
      offset: this.offset.data[row]!,
      length: this.length.data[row]!,
    };
  }

  /** Builds the arquero table; the builder keeps the record locations. */
  build(): ColumnTable {
    const columns: Record<string, unknown> = {};
    this.def.columns.forEach((col: ColumnDef, i) => {
      columns[col.name] = i === this.timeColumn ? this.time.view() : this.stores[i];
    });
    return aq.table(columns as Record<string, unknown[]>);
  }
}
