/** The aggregate functions of summarize. Values are accumulated per group with typed arrays where possible. */
import { compareValues, isNull, keyOf, type RowFn } from '../exec/values';
import type { ScalarType } from '../types';
import type { Accumulator, AggregateFunction, ArgumentCodes, Grouping } from './aggregateTypes';
import { notConstant } from './types';

function argKinds(allowed: readonly ScalarType[], what: string) {
  return (t: readonly ScalarType[]): { arg: number; message: string } | undefined =>
    t[0] !== undefined && t[0] !== 'unknown' && !allowed.includes(t[0]) ? { arg: 0, message: `The value must be ${what}; this is ${t[0]}.` } : undefined;
}
const summable = argKinds(['long', 'real', 'timespan', 'datetime'], 'a number, timespan or datetime');
const averageable = argKinds(['long', 'real', 'timespan'], 'a number or timespan');
const orderable = argKinds(['long', 'real', 'timespan', 'datetime', 'string', 'bool'], 'a number, timespan, datetime, string or bool');

const numberOrNull = (v: unknown): number | null => (typeof v === 'number' && !Number.isNaN(v) ? v : null);
const same = (t: readonly ScalarType[]): ScalarType => t[0] ?? 'unknown';
const named = (prefix: string) => (arg: string | undefined): string => `${prefix}_${arg ?? ''}`;

/** count/countif: an Float64Array of counts. */
function counter(g: Grouping, pred: RowFn | undefined): Accumulator {
  const counts = new Float64Array(g.nGroups);
  const groupOf = g.groupOf;
  return {
    step(from, to) {
      if (pred) for (let r = from; r < to; r++) { if (pred(r) === true) counts[groupOf[r]!]!++; }
      else for (let r = from; r < to; r++) counts[groupOf[r]!]!++;
    },
    finish: () => counts,
  };
}

function summer(g: Grouping, value: RowFn, pred: RowFn | undefined, average: boolean): Accumulator {
  const sums = new Float64Array(g.nGroups);
  const counts = new Float64Array(g.nGroups);
  const groupOf = g.groupOf;
  return {
    step(from, to) {
      for (let r = from; r < to; r++) {
        if (pred && pred(r) !== true) continue;
        const v = value(r);
        if (typeof v === 'number' && !Number.isNaN(v)) {
          const k = groupOf[r]!;
          sums[k] += v;
          counts[k]!++;
        } else if (typeof v === 'boolean') {
          const k = groupOf[r]!;
          sums[k] += v ? 1 : 0;
          counts[k]!++;
        }
      }
    },
    finish() {
      const out: Array<number | null> = new Array(g.nGroups);
      for (let k = 0; k < g.nGroups; k++) out[k] = average ? (counts[k] ? sums[k]! / counts[k]! : null) : sums[k]!;
      return out;
    },
  };
}

function extreme(g: Grouping, value: RowFn, sign: 1 | -1): Accumulator {
  const best: unknown[] = new Array(g.nGroups).fill(null);
  const groupOf = g.groupOf;
  return {
    step(from, to) {
      for (let r = from; r < to; r++) {
        const v = value(r);
        if (isNull(v)) continue;
        const k = groupOf[r]!;
        const b = best[k];
        if (b === null || compareValues(v, b) * sign > 0) best[k] = v;
      }
    },
    finish: () => best,
  };
}

/** Most group x value pairs counted with a bit set (beyond that, sets of values per group). */
const maxPairBits = 1 << 27;

/** dcount over dictionary codes: one bit per (group, value) pair seen. */
function codedDistinctCounter(g: Grouping, codes: ArgumentCodes, pred: RowFn | undefined): Accumulator {
  const bits = new Uint32Array(Math.ceil((g.nGroups * codes.cardinality) / 32));
  const counts = new Float64Array(g.nGroups);
  const groupOf = g.groupOf;
  const card = codes.cardinality;
  const code = codes.code;
  const nullCode = codes.nullCode;
  return {
    step(from, to) {
      for (let r = from; r < to; r++) {
        if (pred && pred(r) !== true) continue;
        const c = code(r);
        if (c === nullCode) continue;
        const k = groupOf[r]!;
        const bit = k * card + c;
        const word = bit >>> 5;
        const mask = 1 << (bit & 31);
        if ((bits[word]! & mask) === 0) {
          bits[word] = bits[word]! | mask;
          counts[k]!++;
        }
      }
    },
    finish: () => counts,
  };
}

function distinctCounter(g: Grouping, value: RowFn, pred: RowFn | undefined, codes?: ArgumentCodes): Accumulator {
  if (codes && g.nGroups * codes.cardinality <= maxPairBits) return codedDistinctCounter(g, codes, pred);
  const sets: Array<Set<unknown> | undefined> = new Array(g.nGroups);
  const groupOf = g.groupOf;
  return {
    step(from, to) {
      for (let r = from; r < to; r++) {
        if (pred && pred(r) !== true) continue;
        const v = value(r);
        if (isNull(v)) continue;
        const k = groupOf[r]!;
        (sets[k] ??= new Set()).add(keyOf(v));
      }
    },
    finish() {
      const out = new Float64Array(g.nGroups);
      for (let k = 0; k < g.nGroups; k++) out[k] = sets[k]?.size ?? 0;
      return out;
    },
  };
}

function collector(g: Grouping, value: RowFn, unique: boolean, max: number): Accumulator {
  const lists: unknown[][] = new Array(g.nGroups);
  const seen: Array<Set<unknown> | undefined> = unique ? new Array(g.nGroups) : [];
  const groupOf = g.groupOf;
  return {
    step(from, to) {
      for (let r = from; r < to; r++) {
        const v = value(r);
        if (isNull(v)) continue;
        const k = groupOf[r]!;
        const list = (lists[k] ??= []);
        if (list.length >= max) continue;
        if (unique) {
          const s = (seen[k] ??= new Set());
          const key = keyOf(v);
          if (s.has(key)) continue;
          s.add(key);
        }
        list.push(v);
      }
    },
    finish() {
      const out: unknown[][] = new Array(g.nGroups);
      for (let k = 0; k < g.nGroups; k++) out[k] = lists[k] ?? [];
      return out;
    },
  };
}

/** Nearest-rank percentile of each group's non-null values. */
function percentiler(g: Grouping, value: RowFn, p: number): Accumulator {
  const values: number[][] = new Array(g.nGroups);
  const groupOf = g.groupOf;
  return {
    step(from, to) {
      for (let r = from; r < to; r++) {
        const v = numberOrNull(value(r));
        if (v === null) continue;
        (values[groupOf[r]!] ??= []).push(v);
      }
    },
    finish() {
      const out: Array<number | null> = new Array(g.nGroups);
      for (let k = 0; k < g.nGroups; k++) {
        const vs = values[k];
        if (!vs || vs.length === 0) { out[k] = null; continue; }
        const sorted = Float64Array.from(vs).sort();
        const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
        out[k] = sorted[rank - 1]!;
      }
      return out;
    },
  };
}

/** Chooses one row per group: Int32Array of row numbers (-1 for none). */
function rowPicker(g: Grouping, value: RowFn | undefined, sign: 1 | -1 | 0): Accumulator {
  const rows = new Int32Array(g.nGroups).fill(-1);
  const best: unknown[] = new Array(g.nGroups).fill(null);
  const groupOf = g.groupOf;
  return {
    step(from, to) {
      for (let r = from; r < to; r++) {
        const k = groupOf[r]!;
        if (sign === 0) {
          // take_any: the first row, or the first whose value is not empty when one column is asked for
          if (rows[k] === -1) { rows[k] = r; best[k] = value ? value(r) : null; continue; }
          if (value && (isNull(best[k]) || best[k] === '')) {
            const v = value(r);
            if (!isNull(v) && v !== '') { rows[k] = r; best[k] = v; }
          }
          continue;
        }
        const v = value!(r);
        if (rows[k] === -1) { rows[k] = r; best[k] = v; continue; }
        const b = best[k];
        if (typeof v === 'number' && typeof b === 'number') {
          if (sign > 0 ? v > b : v < b) { rows[k] = r; best[k] = v; }
          continue;
        }
        if (isNull(v)) continue;
        if (isNull(b) || compareValues(v, b) * sign > 0) { rows[k] = r; best[k] = v; }
      }
    },
    finish: () => rows,
  };
}

function constNumber(c: unknown, fallback: number): number {
  return c !== notConstant && typeof c === 'number' && Number.isFinite(c) ? c : fallback;
}

export const aggregateFunctions: readonly AggregateFunction[] = [
  {
    name: 'count', signature: 'count(): long', description: 'The number of rows in the group.',
    minArgs: 0, maxArgs: 0, params: [], returns: () => 'long', defaultName: () => 'count_', shape: 'value',
    start: (_a, g) => counter(g, undefined),
  },
  {
    name: 'countif', signature: 'countif(predicate: bool): long', description: 'The number of rows for which the predicate is true.',
    minArgs: 1, maxArgs: 1, params: ['bool'], returns: () => 'long', defaultName: named('countif'), shape: 'value',
    start: ([p], g) => counter(g, p),
  },
  {
    name: 'dcount', signature: 'dcount(expr [, accuracy: long]): long', description: 'The number of distinct non-null values (exact here; KQL estimates).',
    minArgs: 1, maxArgs: 2, params: ['any', 'long'], returns: () => 'long', defaultName: named('dcount'), shape: 'value',
    start: ([v], g, ctx) => distinctCounter(g, v!, undefined, ctx.argCodes?.[0]),
  },
  {
    name: 'dcountif', signature: 'dcountif(expr, predicate: bool [, accuracy: long]): long', description: 'The number of distinct values among rows where the predicate is true.',
    minArgs: 2, maxArgs: 3, params: ['any', 'bool', 'long'], returns: () => 'long', defaultName: named('dcountif'), shape: 'value',
    start: ([v, p], g, ctx) => distinctCounter(g, v!, p, ctx.argCodes?.[0]),
  },
  {
    name: 'sum', signature: 'sum(expr: number | timespan): same type', description: 'The sum of the non-null values.',
    minArgs: 1, maxArgs: 1, params: ['any'], returns: same, defaultName: named('sum'), checkTypes: summable, shape: 'value',
    start: ([v], g) => summer(g, v!, undefined, false),
  },
  {
    name: 'sumif', signature: 'sumif(expr: number | timespan, predicate: bool): same type', description: 'The sum over rows where the predicate is true.',
    minArgs: 2, maxArgs: 2, params: ['any', 'bool'], returns: same, defaultName: named('sumif'), checkTypes: summable, shape: 'value',
    start: ([v, p], g) => summer(g, v!, p, false),
  },
  {
    name: 'avg', signature: 'avg(expr: number): real', description: 'The mean of the non-null values.',
    minArgs: 1, maxArgs: 1, params: ['any'], returns: (t) => (t[0] === 'timespan' ? t[0] : 'real'), defaultName: named('avg'), checkTypes: averageable, shape: 'value',
    start: ([v], g) => summer(g, v!, undefined, true),
  },
  {
    name: 'min', signature: 'min(expr): same type', description: 'The smallest non-null value.',
    minArgs: 1, maxArgs: 1, params: ['any'], returns: same, defaultName: named('min'), checkTypes: orderable, shape: 'value',
    start: ([v], g) => extreme(g, v!, -1),
  },
  {
    name: 'max', signature: 'max(expr): same type', description: 'The largest non-null value.',
    minArgs: 1, maxArgs: 1, params: ['any'], returns: same, defaultName: named('max'), checkTypes: orderable, shape: 'value',
    start: ([v], g) => extreme(g, v!, 1),
  },
  {
    name: 'make_set', signature: 'make_set(expr [, maxSize: long]): dynamic', description: 'The distinct non-null values, as an array.',
    minArgs: 1, maxArgs: 2, params: ['any', 'long'], returns: () => 'dynamic', defaultName: named('set'), shape: 'value',
    start: ([v], g, ctx) => collector(g, v!, true, constNumber(ctx.consts[1], 1048576)),
  },
  {
    name: 'make_list', signature: 'make_list(expr [, maxSize: long]): dynamic', description: 'All non-null values, as an array.',
    minArgs: 1, maxArgs: 2, params: ['any', 'long'], returns: () => 'dynamic', defaultName: named('list'), shape: 'value',
    start: ([v], g, ctx) => collector(g, v!, false, constNumber(ctx.consts[1], 1048576)),
  },
  {
    name: 'percentile', signature: 'percentile(expr: number, percentile: real): same type', description: 'The value at the given percentile (nearest rank).',
    minArgs: 2, maxArgs: 2, params: ['any', 'real'], returns: same,
    defaultName: (arg, consts) => `percentile_${arg ?? ''}_${typeof consts[1] === 'number' ? String(consts[1]).replace('.', '_') : ''}`,
    checkTypes: summable, shape: 'value',
    start: ([v], g, ctx) => percentiler(g, v!, constNumber(ctx.consts[1], 50)),
  },
  {
    name: 'arg_max', signature: 'arg_max(expr, col1, col2, ... | *)', description: 'The row with the largest expr: expr and the listed columns (or all with *).',
    minArgs: 1, maxArgs: 64, params: ['any'], returns: same, defaultName: (arg) => arg ?? 'max', checkTypes: orderable, shape: 'row',
    start: ([v], g) => rowPicker(g, v, 1),
  },
  {
    name: 'arg_min', signature: 'arg_min(expr, col1, col2, ... | *)', description: 'The row with the smallest expr: expr and the listed columns (or all with *).',
    minArgs: 1, maxArgs: 64, params: ['any'], returns: same, defaultName: (arg) => arg ?? 'min', checkTypes: orderable, shape: 'row',
    start: ([v], g) => rowPicker(g, v, -1),
  },
  {
    name: 'take_any', signature: 'take_any(expr1, expr2, ... | *)', description: 'The values of one arbitrary row of the group.',
    minArgs: 1, maxArgs: 64, params: ['any'], returns: same, defaultName: (arg) => arg ?? 'any', shape: 'row',
    start: (args, g) => rowPicker(g, args.length === 1 ? args[0] : undefined, 0),
  },
];

const byName = new Map(aggregateFunctions.map((a) => [a.name, a]));

export function findAggregate(name: string): AggregateFunction | undefined {
  return byName.get(name);
}
