/**
 * Reading the parameters out of a catalogue signature such as
 * `substring(source: string, startingIndex: long [, length: long]): string` (bracketed parameters
 * are optional), for signature help and completion snippets.
 */

export interface SignatureParameter {
  /** Offsets of the parameter's text in the signature, e.g. `startingIndex: long`. */
  readonly start: number;
  readonly end: number;
  /** The name part (before `:`). */
  readonly name: string;
  readonly optional: boolean;
  /** `...`: more of the same. */
  readonly variadic: boolean;
}

export function signatureParameters(signature: string): SignatureParameter[] {
  const open = signature.indexOf('(');
  if (open < 0) return [];
  const params: SignatureParameter[] = [];
  let depth = 0;
  let optional = 0;
  let segStart = open + 1;
  let segOptional = false;
  let segStarted = false;
  const flush = (end: number): void => {
    const raw = signature.slice(segStart, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) {
      const start = segStart + lead;
      params.push({
        start, end: start + text.length,
        name: text.split(':')[0]!.trim(),
        optional: segOptional,
        variadic: text.startsWith('...'),
      });
    }
    segStarted = false;
  };
  for (let i = open + 1; i < signature.length; i++) {
    const c = signature[i]!;
    if (c === '(') depth++;
    if (c === ')') {
      if (depth === 0) { flush(i); break; }
      depth--;
    }
    if (depth > 0) continue;
    if (c === ',' || c === '[' || c === ']') {
      flush(i);
      if (c === '[') optional++;
      if (c === ']') optional = Math.max(0, optional - 1);
      segStart = i + 1;
      continue;
    }
    if (!segStarted && c !== ' ') {
      segStarted = true;
      segOptional = optional > 0;
    }
  }
  return params;
}

/** A snippet for a call: the required parameters as placeholders, or just the cursor inside the parentheses. */
export function callSnippet(name: string, signature: string, minArgs: number, maxArgs: number): string {
  if (maxArgs === 0) return `${name}()`;
  const required = signatureParameters(signature).filter((p) => !p.optional && !p.variadic);
  if (required.length !== minArgs || minArgs === 0) return `${name}($1)`;
  const holes = required.map((p, i) => `\${${i + 1}:${escapeSnippet(p.name)}}`);
  return `${name}(${holes.join(', ')})`;
}

function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}
