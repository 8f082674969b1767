/**
 * The interning of one categorical string column while a table is built: one string per distinct
 * value (a million rows of "MailItemsAccessed" share one), and each row's code for it, so the
 * loaded table comes with the dictionary the query executor and the findings would otherwise
 * build with a hash lookup per row on first use (query/exec/dictionary).
 */
import type { Dictionary } from '../query/exec/dictionary';
import { growableInt32 } from './growable';

export class InternedColumn {
  private codeOf = new Map<string, number>();
  /** The interned string of each code. */
  private names: string[] = [];
  /** Each row's code (-1 for a value that is not a string: the column then gets no dictionary). */
  private codes = growableInt32();
  private coded = true;
  private previous: string | undefined = undefined;
  private previousCode = -1;

  /** The interned string of a code. */
  name(code: number): string {
    return this.names[code]!;
  }

  /** The code of a value, interned now if it is new. */
  code(v: string): number {
    // Neighbouring rows mostly repeat a value: compare with the last one before hashing.
    if (v === this.previous) return this.previousCode;
    let c = this.codeOf.get(v);
    if (c === undefined) {
      c = this.names.length;
      this.names.push(v);
      this.codeOf.set(v, c);
    }
    this.previous = v;
    this.previousCode = c;
    return c;
  }

  /** Records the next row's code. */
  push(code: number): void {
    this.codes.push(code);
  }

  /** The next row holds a value that is not a string: the column gets no dictionary. */
  pushUncoded(): void {
    this.coded = false;
    this.codes.push(-1);
  }

  reserve(rows: number): void {
    this.codes.reserve(rows - this.codes.length);
  }

  /**
   * The column's dictionary over its `rows` rows, codes numbered by first use as the executor numbers
   * them; values interned only for rows that were then dropped (duplicates) are left out. The column
   * goes on with that numbering (rows appended later extend it).
   */
  dictionary(rows: number): Dictionary | null {
    if (!this.coded || this.codes.length !== rows) return null;
    // Renumbered in place: later appends write past `rows`, never into the dictionary's codes.
    const codes = this.codes.data.subarray(0, rows);
    const renumbered = new Int32Array(this.names.length).fill(-1);
    const values: string[] = [];
    for (let r = 0; r < rows; r++) {
      const c = codes[r]!;
      let n = renumbered[c]!;
      if (n < 0) {
        n = values.length;
        renumbered[c] = n;
        values.push(this.names[c]!);
      }
      codes[r] = n;
    }
    this.names = values.slice();
    this.codeOf = new Map(values.map((v, i) => [v, i]));
    this.previous = undefined;
    return { codes, values };
  }
}
