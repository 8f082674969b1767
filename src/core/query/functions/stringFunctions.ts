/** String functions: strlen, tolower, toupper, trim, substring, split, strcat, extract, replace_string, indexof. */
import { isNull, toKqlString, type RowFn } from '../exec/values';
import { compileRegex } from './regex';
import { fn, notConstant, returnsType, type CompileContext, type ConstValue, type ScalarFunction } from './types';

const str = (v: unknown): string => (typeof v === 'string' ? v : isNull(v) ? '' : toKqlString(v, 'dynamic'));

function regexArg(ctx: CompileContext, i: number, arg: RowFn, global = false): (row: number) => RegExp {
  const c = ctx.consts[i];
  const get = (pattern: unknown): RegExp => {
    const r = compileRegex(str(pattern), global);
    if (typeof r === 'string') ctx.fail(`Invalid regular expression: ${r}`);
    return r;
  };
  if (c !== notConstant) {
    const r = get(c);
    return () => r;
  }
  return (row) => get(arg(row));
}

export function checkRegexArg(i: number) {
  return (consts: readonly ConstValue[]): { arg: number; message: string } | undefined => {
    const c = consts[i];
    if (c === notConstant || typeof c !== 'string') return undefined;
    const r = compileRegex(c);
    return typeof r === 'string' ? { arg: i, message: `Invalid regular expression: ${r}` } : undefined;
  };
}

export const stringFunctions: readonly ScalarFunction[] = [
  fn({
    name: 'strlen', resultName: 'nameAndFirstArgument', signature: 'strlen(source: string): long', description: 'The number of characters in the string.',
    minArgs: 1, maxArgs: 1, params: ['string'], returns: returnsType('long'),
    compile: ([a]) => (r) => str(a!(r)).length,
  }),
  fn({
    name: 'tolower', signature: 'tolower(source: string): string', description: 'The string in lower case.',
    minArgs: 1, maxArgs: 1, params: ['string'], returns: returnsType('string'),
    compile: ([a]) => (r) => str(a!(r)).toLowerCase(),
  }),
  fn({
    name: 'toupper', signature: 'toupper(source: string): string', description: 'The string in upper case.',
    minArgs: 1, maxArgs: 1, params: ['string'], returns: returnsType('string'),
    compile: ([a]) => (r) => str(a!(r)).toUpperCase(),
  }),
  ...(['trim', 'trim_start', 'trim_end'] as const).map((name) => fn({
    name, signature: `${name}(regex: string, source: string): string`,
    description: `Removes ${name === 'trim' ? 'leading and trailing' : name === 'trim_start' ? 'leading' : 'trailing'} matches of the regex.`,
    minArgs: 2, maxArgs: 2, params: ['string', 'string'], returns: returnsType('string'),
    check: (consts) => (consts[0] === notConstant ? { arg: 0, message: 'The regex of trim must be a constant.' } : checkRegexArg(0)(consts)),
    compile: ([re, s], ctx) => {
      const rx = regexArg(ctx, 0, re!);
      const anchored = new WeakMap<RegExp, readonly [RegExp, RegExp]>();
      return (r) => {
        const base = rx(r);
        let pair = anchored.get(base);
        if (!pair) {
          pair = [new RegExp(`^(?:${base.source})+`, base.flags), new RegExp(`(?:${base.source})+$`, base.flags)];
          anchored.set(base, pair);
        }
        let out = str(s!(r));
        if (name !== 'trim_end') out = out.replace(pair[0], '');
        if (name !== 'trim_start') out = out.replace(pair[1], '');
        return out;
      };
    },
  })),
  fn({
    name: 'substring', signature: 'substring(source: string, startingIndex: long [, length: long]): string',
    description: 'The part of the string from startingIndex (0-based), optionally of the given length.',
    minArgs: 2, maxArgs: 3, params: ['string', 'long', 'long'], returns: returnsType('string'),
    compile: ([s, start, len]) => (r) => {
      const text = str(s!(r));
      const st = Number(start!(r));
      if (!Number.isFinite(st)) return '';
      const from = Math.max(0, Math.trunc(st));
      if (!len) return text.slice(from);
      const l = Number(len(r));
      return Number.isFinite(l) ? text.slice(from, from + Math.max(0, Math.trunc(l))) : text.slice(from);
    },
  }),
  fn({
    name: 'split', resultName: 'firstArgument', signature: 'split(source: string, delimiter: string [, requestedIndex: long]): dynamic',
    description: 'The parts of the string between delimiters, as an array (or only the requested part).',
    minArgs: 2, maxArgs: 3, params: ['string', 'string', 'long'], returns: returnsType('dynamic'),
    compile: ([s, d, idx]) => (r) => {
      const delim = str(d!(r));
      const parts = delim === '' ? [str(s!(r))] : str(s!(r)).split(delim);
      if (!idx) return parts;
      const i = Number(idx(r));
      const part = Number.isInteger(i) ? parts[i < 0 ? parts.length + i : i] : undefined;
      return part === undefined ? [] : [part];
    },
  }),
  fn({
    name: 'strcat', signature: 'strcat(arg1, arg2, ...): string', description: 'The arguments as text, joined.',
    minArgs: 1, maxArgs: 64, params: ['any'], returns: returnsType('string'),
    compile: (args, ctx) => {
      const types = ctx.argTypes;
      return (r) => {
        let out = '';
        for (let i = 0; i < args.length; i++) out += toKqlString(args[i]!(r), types[i] ?? 'dynamic');
        return out;
      };
    },
  }),
  fn({
    name: 'extract', signature: 'extract(regex: string, captureGroup: long, source: string): string',
    description: 'The text of the capture group (0 = whole match) of the first match; empty when none.',
    minArgs: 3, maxArgs: 3, params: ['string', 'long', 'string'], returns: returnsType('string'), check: checkRegexArg(0),
    compile: ([re, g, s], ctx) => {
      const rx = regexArg(ctx, 0, re!);
      return (r) => {
        const m = rx(r).exec(str(s!(r)));
        const group = Number(g!(r));
        return m && Number.isInteger(group) ? (m[group] ?? '') : '';
      };
    },
  }),
  fn({
    name: 'replace_string', signature: 'replace_string(text: string, lookup: string, rewrite: string): string',
    description: 'Replaces every occurrence of lookup (case-sensitive) with rewrite.',
    minArgs: 3, maxArgs: 3, params: ['string', 'string', 'string'], returns: returnsType('string'),
    compile: ([t, l, w]) => (r) => {
      const lookup = str(l!(r));
      return lookup === '' ? str(t!(r)) : str(t!(r)).split(lookup).join(str(w!(r)));
    },
  }),
  fn({
    name: 'replace_regex', signature: 'replace_regex(source: string, lookup_regex: string, rewrite_pattern: string): string',
    description: 'Replaces every match of the regex; \\1 in the rewrite stands for the first capture group.',
    minArgs: 3, maxArgs: 3, params: ['string', 'string', 'string'], returns: returnsType('string'), check: checkRegexArg(1),
    compile: ([s, re, w], ctx) => {
      const rx = regexArg(ctx, 1, re!, true);
      return (r) => {
        const rewrite = str(w!(r)).replace(/\$/g, '$$$$').replace(/\\(\d)/g, '$$$1');
        return str(s!(r)).replace(rx(r), rewrite);
      };
    },
  }),
  fn({
    name: 'indexof', signature: 'indexof(source: string, lookup: string): long',
    description: 'The 0-based position of lookup in source, or -1.',
    minArgs: 2, maxArgs: 2, params: ['string', 'string'], returns: returnsType('long'),
    compile: ([s, l]) => (r) => str(s!(r)).indexOf(str(l!(r))),
  }),
];

