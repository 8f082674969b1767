/**
 * Cmdlet parameters written as one PowerShell string, as Security & Compliance cmdlets
 * (RecordType 18) and eDiscovery records (RecordType 24) log them:
 *   -Name "Q3 review" -ExchangeLocation "All" -ContentMatchQuery 'password OR "wire transfer"' -Export
 * read into the same name -> value bag as Exchange's [{Name, Value}] lists. A value that is one
 * quoted string is unquoted; anything else (lists, expressions) is kept as written; a switch
 * without a value reads "True", as Exchange writes switches. Text that is not a parameter list
 * gives null (the record keeps it: nothing is invented).
 */

const DASH = 45;
const COLON = 58;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isNameChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Whether a parameter name starts at i: a dash, then a letter. */
function parameterAt(s: string, i: number): boolean {
  return s.charCodeAt(i) === DASH && isLetter(s.charCodeAt(i + 1));
}

/** The end of a quoted string opening at i ('...' with '' inside, "..." with "" or `" inside), or -1 if it never closes. */
function quotedEnd(s: string, i: number): number {
  const q = s.charCodeAt(i);
  for (let j = i + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (q === 34 && c === 96) {
      j++;
      continue;
    }
    if (c !== q) continue;
    if (s.charCodeAt(j + 1) === q) {
      j++;
      continue;
    }
    return j + 1;
  }
  return -1;
}

/** The text of a single quoted string (quotes removed, doubled and escaped quotes undone). */
function unquote(text: string): string {
  const q = text[0]!;
  const inner = text.slice(1, -1);
  return q === "'" ? inner.replaceAll("''", "'") : inner.replaceAll('""', '"').replaceAll('`"', '"');
}

/** The end of a value starting at i: the next parameter name outside quotes, or the end of the text. */
function valueEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 34 || c === 39) {
      const end = quotedEnd(s, j);
      if (end < 0) return s.length;
      j = end;
      continue;
    }
    if (isSpace(c)) {
      let k = j;
      while (k < s.length && isSpace(s.charCodeAt(k))) k++;
      if (k === s.length || parameterAt(s, k)) return j;
      j = k;
      continue;
    }
    j++;
  }
  return j;
}

export function parsePowerShellParameters(text: string): Record<string, unknown> | null {
  const s = text.trim();
  if (!parameterAt(s, 0)) return null;
  const bag: Record<string, unknown> = Object.create(null);
  let i = 0;
  while (i < s.length) {
    if (!parameterAt(s, i)) return null;
    let j = i + 1;
    while (j < s.length && isNameChar(s.charCodeAt(j))) j++;
    const name = s.slice(i + 1, j);
    let value: string;
    if (s.charCodeAt(j) === COLON) {
      // -Name:value (PowerShell's form for switches set to $false, and any parameter).
      const end = valueEnd(s, j + 1);
      value = s.slice(j + 1, end).trim();
      j = end;
    } else if (j < s.length && !isSpace(s.charCodeAt(j))) {
      return null;
    } else {
      while (j < s.length && isSpace(s.charCodeAt(j))) j++;
      if (j === s.length || parameterAt(s, j)) value = 'True';
      else {
        const end = valueEnd(s, j);
        value = s.slice(j, end).trim();
        j = end;
      }
    }
    const first = value.charCodeAt(0);
    if ((first === 34 || first === 39) && quotedEnd(value, 0) === value.length) value = unquote(value);
    if (name !== '__proto__' && !(name in bag)) bag[name] = value;
    while (j < s.length && isSpace(s.charCodeAt(j))) j++;
    i = j;
  }
  return bag;
}
