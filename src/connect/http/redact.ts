/**
 * Tokens and secrets never reach a log, an error message or a file: every text
 * the connect layer lets out passes through here.
 */

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // Authorization headers and bearer tokens.
  [/(bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, '$1[redacted]'],
  // JWTs (access tokens, id tokens, client assertions) wherever they appear.
  [/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
  // Form and query parameters that carry secrets.
  [/((?:client_secret|client_assertion|access_token|refresh_token|id_token|device_code|code|password|assertion)=)[^&\s"']+/gi, '$1[redacted]'],
  // JSON properties that carry secrets.
  [/("(?:access_token|refresh_token|id_token|client_secret|secretText|client_assertion|device_code|privateKey|password)"\s*:\s*")[^"]*(")/gi, '$1[redacted]$2'],
  // PEM blocks (private keys).
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, '[redacted-private-key]'],
];

/** Known secret values (a client secret read from the environment) to scrub besides the patterns. */
export class SecretRegistry {
  private readonly values = new Set<string>();

  add(value: string | undefined): void {
    if (value && value.length >= 4) this.values.add(value);
  }

  redact(text: string): string {
    let out = text;
    for (const v of this.values) out = out.split(v).join('[redacted]');
    for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
    return out;
  }
}

/** Redacts token-like text with the patterns alone. */
export function redactSecrets(text: string, registry?: SecretRegistry): string {
  return registry ? registry.redact(text) : new SecretRegistry().redact(text);
}

/** A URL as it may be shown: no query string values that could carry a secret, no user info. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    for (const k of [...u.searchParams.keys()]) {
      if (/token|secret|assertion|code|password|sig/i.test(k)) u.searchParams.set(k, '[redacted]');
    }
    return u.toString();
  } catch {
    return redactSecrets(url);
  }
}
