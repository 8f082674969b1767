/**
 * The fake token service: client credentials with a secret or a certificate-signed
 * client assertion (verified against the registered public key), the device code
 * flow, refresh tokens; and bearer-token checks for the APIs.
 */
import { createHash, randomBytes, randomUUID, verify, constants, type KeyObject } from 'node:crypto';

export type Audience = 'graph' | 'exchange';

export interface RegisteredApp {
  readonly clientId: string;
  readonly secret?: string;
  /** Public key of the certificate and its SHA-256 thumbprint (hex). */
  readonly certificate?: { publicKey: KeyObject; thumbprintSha256: string };
  /** A public client (device code). */
  readonly publicClient?: boolean;
}

interface IssuedToken { audience: Audience; clientId: string; expiresAt: number; user?: string }
interface DeviceCode { clientId: string; userCode: string; approvedBy?: string; polls: number }

export interface TokenResult { status: number; body: Record<string, unknown> }

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function audienceOf(scope: string): Audience | undefined {
  if (/graph\.microsoft\.com/i.test(scope)) return 'graph';
  if (/outlook\.office(365)?\.com/i.test(scope)) return 'exchange';
  return undefined;
}

function oauthError(status: number, error: string, description: string): TokenResult {
  return { status, body: { error, error_description: description, error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)], timestamp: new Date().toISOString(), trace_id: randomUUID(), correlation_id: randomUUID() } };
}

export class FakeIdentity {
  private readonly apps = new Map<string, RegisteredApp>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, { clientId: string; user: string }>();
  private readonly deviceCodes = new Map<string, DeviceCode>();
  /** Every token and secret-like value handed out (tests check none leaks). */
  readonly issued: string[] = [];
  tokenLifetimeSeconds = 3599;

  constructor(private readonly tenantId: string, private readonly issuerBase: () => string) {}

  register(app: RegisteredApp): void {
    this.apps.set(app.clientId.toLowerCase(), app);
  }

  approveDeviceCode(userCode: string, user: string): void {
    for (const d of this.deviceCodes.values()) if (d.userCode === userCode) d.approvedBy = user;
  }

  /** Marks every token issued so far as expired (the service would now answer 401). */
  expireAll(): void {
    for (const t of this.tokens.values()) t.expiresAt = 0;
  }

  expire(token: string): void {
    const t = this.tokens.get(token);
    if (t) t.expiresAt = 0;
  }

  /** Why a bearer token is refused, or undefined when it is good for the audience. */
  check(authorization: string | undefined, audience: Audience): string | undefined {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return 'No access token was presented.';
    const t = this.tokens.get(token);
    if (!t) return 'Access token validation failure. Invalid audience.';
    if (t.expiresAt <= Date.now()) return 'Lifetime validation failed, the token is expired.';
    if (t.audience !== audience) return 'Access token validation failure. Invalid audience.';
    return undefined;
  }

  deviceCode(form: URLSearchParams, verificationUri: string): TokenResult {
    const app = this.apps.get((form.get('client_id') ?? '').toLowerCase());
    if (!app?.publicClient) return oauthError(400, 'invalid_client', 'AADSTS7000218: The request body must contain the following parameter: client_assertion or client_secret.');
    const device = randomBytes(24).toString('base64url');
    const userCode = randomBytes(5).toString('hex').toUpperCase().slice(0, 9);
    this.deviceCodes.set(device, { clientId: app.clientId, userCode, polls: 0 });
    this.issued.push(device);
    return { status: 200, body: {
      user_code: userCode, device_code: device, verification_uri: verificationUri, expires_in: 900, interval: 0,
      message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
    } };
  }

  token(form: URLSearchParams, tokenEndpoint: string): TokenResult {
    const grant = form.get('grant_type') ?? '';
    const scope = form.get('scope') ?? '';
    const audience = audienceOf(scope);
    const clientId = (form.get('client_id') ?? '').toLowerCase();
    const app = this.apps.get(clientId);
    if (!app) return oauthError(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${clientId}' was not found in the directory.`);
    if (grant === 'client_credentials') {
      const why = this.authenticateClient(app, form, tokenEndpoint);
      if (why) return oauthError(401, 'invalid_client', why);
      if (!audience) return oauthError(400, 'invalid_scope', `AADSTS70011: The provided value for the input parameter 'scope' is not valid.`);
      return { status: 200, body: { token_type: 'Bearer', expires_in: this.tokenLifetimeSeconds, ext_expires_in: this.tokenLifetimeSeconds, access_token: this.issue(audience, app.clientId) } };
    }
    // Entra accepts the short form msal sends and the RFC 8628 name.
    if (grant === 'device_code' || grant === 'urn:ietf:params:oauth:grant-type:device_code') {
      const d = this.deviceCodes.get(form.get('device_code') ?? '');
      if (!d) return oauthError(400, 'expired_token', 'AADSTS70020: The provided value for the input parameter \'device_code\' is not valid.');
      d.polls++;
      if (!d.approvedBy) return oauthError(400, 'authorization_pending', 'AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.');
      this.deviceCodes.delete(form.get('device_code') ?? '');
      return this.userTokens(app.clientId, d.approvedBy, scope, audience);
    }
    if (grant === 'refresh_token') {
      const r = this.refreshTokens.get(form.get('refresh_token') ?? '');
      if (!r) return oauthError(400, 'invalid_grant', 'AADSTS9002313: Invalid request. Request is malformed or invalid.');
      return this.userTokens(r.clientId, r.user, scope, audience);
    }
    return oauthError(400, 'unsupported_grant_type', `AADSTS70003: The app requested an unsupported grant type '${grant}'.`);
  }

  private userTokens(clientId: string, user: string, scope: string, audience: Audience | undefined): TokenResult {
    if (!audience) return oauthError(400, 'invalid_scope', 'AADSTS70011: The provided value for the input parameter \'scope\' is not valid.');
    const refresh = randomBytes(32).toString('base64url');
    this.refreshTokens.set(refresh, { clientId, user });
    this.issued.push(refresh);
    const oid = createHash('sha256').update(user).digest('hex');
    const uid = `${oid.slice(0, 8)}-${oid.slice(8, 12)}-${oid.slice(12, 16)}-${oid.slice(16, 20)}-${oid.slice(20, 32)}`;
    const now = Math.floor(Date.now() / 1000);
    const idToken = `${b64url(JSON.stringify({ typ: 'JWT', alg: 'none' }))}.${b64url(JSON.stringify({
      aud: clientId, iss: `${this.issuerBase()}/${this.tenantId}/v2.0`, iat: now, nbf: now, exp: now + 3600, name: user, oid: uid, preferred_username: user, sub: uid, tid: this.tenantId, ver: '2.0',
    }))}.`;
    this.issued.push(idToken);
    return { status: 200, body: {
      token_type: 'Bearer', scope: `${scope.split(' ').filter((s) => s.includes('/')).join(' ')}`, expires_in: this.tokenLifetimeSeconds, ext_expires_in: this.tokenLifetimeSeconds,
      access_token: this.issue(audience, clientId, user), refresh_token: refresh, id_token: idToken,
      client_info: b64url(JSON.stringify({ uid, utid: this.tenantId })),
    } };
  }

  private issue(audience: Audience, clientId: string, user?: string): string {
    const token = `fake.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { audience, clientId, expiresAt: Date.now() + this.tokenLifetimeSeconds * 1000, user });
    this.issued.push(token);
    return token;
  }

  /** Undefined when the client proved who it is; else the AADSTS reason. */
  private authenticateClient(app: RegisteredApp, form: URLSearchParams, tokenEndpoint: string): string | undefined {
    const secret = form.get('client_secret');
    if (secret !== null) return app.secret !== undefined && secret === app.secret ? undefined : `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`;
    const assertion = form.get('client_assertion');
    if (assertion === null) return 'AADSTS7000218: The request body must contain the following parameter: \'client_assertion\' or \'client_secret\'.';
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return 'AADSTS700024: Client assertion type is not supported.';
    if (!app.certificate) return `AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application.`;
    const [h, p, s] = assertion.split('.');
    if (!h || !p || !s) return 'AADSTS50027: JWT token is invalid or malformed.';
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, string>;
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const thumb = header['x5t#S256'] ? Buffer.from(header['x5t#S256'], 'base64url').toString('hex') : undefined;
    if (thumb !== app.certificate.thumbprintSha256) return 'AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application.';
    const data = Buffer.from(`${h}.${p}`);
    const sig = Buffer.from(s, 'base64url');
    const ok = header.alg === 'PS256'
      ? verify('sha256', data, { key: app.certificate.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig)
      : header.alg === 'RS256' ? verify('sha256', data, app.certificate.publicKey, sig) : false;
    if (!ok) return 'AADSTS700027: Client assertion failed signature validation.';
    if (payload.iss !== app.clientId || payload.sub !== app.clientId) return 'AADSTS700023: Client assertion issuer or subject does not match the client id.';
    if (payload.aud !== tokenEndpoint) return `AADSTS700021: Client assertion audience claim does not match Realm issuer (${String(payload.aud)}).`;
    if (typeof payload.exp !== 'number' || payload.exp * 1000 < Date.now()) return 'AADSTS700024: Client assertion is not within its valid time range.';
    return undefined;
  }
}
