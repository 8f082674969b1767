/** KQL (RE2) regular expressions as JavaScript RegExps: `(?i)` becomes the i flag, `(?P<n>` becomes `(?<n>`. */

const cache = new Map<string, RegExp | string>();

/** The compiled pattern, or the error text when it does not compile. */
export function compileRegex(pattern: string, global = false): RegExp | string {
  const key = `${global ? 'g' : '-'}${pattern}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let source = pattern;
  let flags = global ? 'g' : '';
  const inline = /^\(\?([imsU]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    for (const f of inline[1]!) if ((f === 'i' || f === 'm' || f === 's') && !flags.includes(f)) flags += f;
  }
  source = source.replace(/\(\?P</g, '(?<');
  let result: RegExp | string;
  try {
    result = new RegExp(source, flags);
  } catch (e) {
    result = e instanceof Error ? e.message : String(e);
  }
  if (cache.size > 1000) cache.clear();
  cache.set(key, result);
  return result;
}
