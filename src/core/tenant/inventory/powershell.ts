/**
 * PowerShell text built from audit data, which is attacker-controlled: every
 * value goes into a single-quoted literal, where PowerShell expands nothing and
 * the only special characters are the quotes themselves (ASCII ' and the
 * typographic ‘ ’ ‚ ‛ it also accepts), each escaped by doubling.
 */
const singleQuoteChars = /['\u2018\u2019\u201a\u201b]/g;

export function psQuote(value: string): string {
  return `'${value.replace(singleQuoteChars, (q) => q + q)}'`;
}

/** A comma-separated list of quoted literals (a PowerShell array argument). */
export function psList(values: readonly string[]): string {
  return values.map(psQuote).join(',');
}

/** An OData string literal (for Graph -Filter), itself then quoted for PowerShell. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
