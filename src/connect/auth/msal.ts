/**
 * Token providers over @azure/msal-node: app-only (client secret or certificate)
 * and delegated sign-in with the device code flow. Tokens stay in msal's
 * in-memory cache; nothing here logs or persists them.
 */
import {
  ConfidentialClientApplication, LogLevel, PublicClientApplication,
  type AccountInfo, type AuthenticationResult, type Configuration, type DeviceCodeRequest,
} from '@azure/msal-node';
import { AuthenticationError, CancelledError } from '../http/errors';
import { SecretRegistry } from '../http/redact';
import type { CertificateCredential } from './certificate';
import { MsalNetworkModule } from './msalNetwork';
import type { TokenProvider, TokenRequestOptions } from './tokenProvider';

export const defaultAuthorityHost = 'https://login.microsoftonline.com';

export interface MsalCommonOptions {
  readonly tenantId: string;
  readonly clientId: string;
  /** Authority host (default https://login.microsoftonline.com; sovereign clouds and tests differ). */
  readonly authorityHost?: string;
  /** Extra trust anchor for the sign-in calls only (PEM). */
  readonly ca?: string | Buffer;
  readonly timeoutMs?: number;
  readonly secrets?: SecretRegistry;
}

export interface AppOnlyOptions extends MsalCommonOptions {
  readonly clientSecret?: string;
  readonly certificate?: CertificateCredential;
}

export interface DeviceCodeInfo {
  readonly userCode: string;
  readonly verificationUri: string;
  readonly message: string;
  readonly expiresInSeconds: number;
}

export interface DeviceCodeOptions extends MsalCommonOptions {
  /** Shows the investigator where to go and which code to type. */
  readonly onDeviceCode: (info: DeviceCodeInfo) => void;
}

function baseConfig(o: MsalCommonOptions, network: MsalNetworkModule): Configuration {
  const host = (o.authorityHost ?? defaultAuthorityHost).replace(/\/+$/, '');
  const url = new URL(host);
  const microsoftHost = /(^|\.)login\.(microsoftonline\.(com|us|de)|chinacloudapi\.cn|partner\.microsoftonline\.cn)$/i.test(url.hostname);
  return {
    auth: {
      clientId: o.clientId,
      authority: `${host}/${encodeURIComponent(o.tenantId)}`,
      // A host outside Microsoft's list (a sovereign proxy, the test server) is trusted by name, with no instance discovery.
      ...(microsoftHost ? {} : { knownAuthorities: [url.host] }),
    },
    system: {
      networkClient: network,
      loggerOptions: { piiLoggingEnabled: false, logLevel: LogLevel.Error, loggerCallback: () => undefined },
    },
  };
}

/** Turns an msal error into one line without secrets. */
function authError(e: unknown, secrets: SecretRegistry, what: string): Error {
  if (e instanceof CancelledError || (e as Error)?.name === 'AbortError') return e as Error;
  const err = e as { errorCode?: string; errorMessage?: string; message?: string };
  const detail = [err.errorCode, err.errorMessage || err.message].filter(Boolean).join(': ');
  return new AuthenticationError(secrets.redact(`${what} failed${detail ? `: ${detail}` : ''}`));
}

function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined, onAbort?: () => void): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new CancelledError('sign-in'));
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      onAbort?.();
      reject(new CancelledError('sign-in'));
    };
    signal.addEventListener('abort', abort, { once: true });
    p.then((v) => { signal.removeEventListener('abort', abort); resolve(v); }, (e) => { signal.removeEventListener('abort', abort); reject(e); });
  });
}

function tokenOf(r: AuthenticationResult | null, secrets: SecretRegistry): string {
  if (!r?.accessToken) throw new AuthenticationError('sign-in returned no access token');
  secrets.add(r.accessToken);
  return r.accessToken;
}

/** App-only tokens (client credentials flow) with a client secret or a certificate. */
export class MsalAppTokenProvider implements TokenProvider {
  private readonly app: ConfidentialClientApplication;
  private readonly network: MsalNetworkModule;
  private readonly secrets: SecretRegistry;

  constructor(options: AppOnlyOptions) {
    if (!options.clientSecret && !options.certificate) throw new AuthenticationError('app-only sign-in needs a client secret or a certificate');
    this.secrets = options.secrets ?? new SecretRegistry();
    this.secrets.add(options.clientSecret);
    this.network = new MsalNetworkModule({ ca: options.ca, timeoutMs: options.timeoutMs, secrets: this.secrets });
    const config = baseConfig(options, this.network);
    config.auth.clientSecret = options.clientSecret;
    if (options.certificate) {
      config.auth.clientCertificate = {
        thumbprintSha256: options.certificate.thumbprintSha256,
        privateKey: options.certificate.privateKey,
        x5c: options.certificate.certificatePem,
      };
    }
    this.app = new ConfidentialClientApplication(config);
  }

  async getToken(scopes: readonly string[], signal?: AbortSignal, options: TokenRequestOptions = {}): Promise<string> {
    try {
      const r = await abortable(this.app.acquireTokenByClientCredential({ scopes: [...scopes], skipCache: options.forceRefresh === true }), signal);
      return tokenOf(r, this.secrets);
    } catch (e) {
      throw authError(e, this.secrets, `app-only sign-in for ${scopes.join(' ')}`);
    }
  }

  close(): void {
    this.network.close();
  }
}

/** Delegated tokens for an investigator: device code once, then silent refresh for every resource. */
export class MsalDeviceCodeTokenProvider implements TokenProvider {
  private readonly app: PublicClientApplication;
  private readonly network: MsalNetworkModule;
  private readonly secrets: SecretRegistry;
  private account: AccountInfo | null = null;

  constructor(private readonly options: DeviceCodeOptions) {
    this.secrets = options.secrets ?? new SecretRegistry();
    this.network = new MsalNetworkModule({ ca: options.ca, timeoutMs: options.timeoutMs, secrets: this.secrets });
    this.app = new PublicClientApplication(baseConfig(options, this.network));
  }

  async getToken(scopes: readonly string[], signal?: AbortSignal, options: TokenRequestOptions = {}): Promise<string> {
    try {
      if (this.account) {
        const r = await abortable(this.app.acquireTokenSilent({ account: this.account, scopes: [...scopes], forceRefresh: options.forceRefresh === true }), signal);
        return tokenOf(r, this.secrets);
      }
      const request: DeviceCodeRequest = {
        scopes: [...scopes],
        deviceCodeCallback: (r) => this.options.onDeviceCode({ userCode: r.userCode, verificationUri: r.verificationUri, message: r.message, expiresInSeconds: r.expiresIn }),
      };
      const r = await abortable(this.app.acquireTokenByDeviceCode(request), signal, () => { request.cancel = true; });
      this.account = r?.account ?? null;
      return tokenOf(r, this.secrets);
    } catch (e) {
      throw authError(e, this.secrets, `sign-in for ${scopes.join(' ')}`);
    }
  }

  close(): void {
    this.network.close();
  }
}
