/**
 * A certificate credential for app-only sign-in from one PEM file holding the
 * private key and the certificate (as `openssl pkcs12 -nodes` or the portal's
 * upload flow produce). Only the path is given on the command line.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AuthenticationError } from '../http/errors';

export interface CertificateCredential {
  /** PKCS#8 PEM private key. */
  readonly privateKey: string;
  /** Hex SHA-256 thumbprint of the certificate (x5t#S256). */
  readonly thumbprintSha256: string;
  /** Hex SHA-1 thumbprint (shown in the Entra portal). */
  readonly thumbprintSha1: string;
  /** The certificate PEM (public). */
  readonly certificatePem: string;
  readonly subject: string;
  readonly notAfter: string;
}

const CERT_RE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/;
const KEY_RE = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]*?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;

export function parseCertificateCredential(pem: string, source = 'the certificate file'): CertificateCredential {
  const certPem = CERT_RE.exec(pem)?.[0];
  const keyPem = KEY_RE.exec(pem)?.[0];
  if (!certPem) throw new AuthenticationError(`${source} holds no certificate (-----BEGIN CERTIFICATE-----)`);
  if (!keyPem) throw new AuthenticationError(`${source} holds no private key (-----BEGIN PRIVATE KEY-----)`);
  if (keyPem.includes('ENCRYPTED')) throw new AuthenticationError(`${source}: the private key is encrypted; export it without a passphrase`);
  let privateKey: string;
  try {
    privateKey = createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'pem' }).toString();
  } catch {
    throw new AuthenticationError(`${source}: the private key cannot be read`);
  }
  const cert = new X509Certificate(certPem);
  const hex = (fp: string) => fp.replace(/:/g, '').toLowerCase();
  return {
    privateKey,
    thumbprintSha256: hex(cert.fingerprint256),
    thumbprintSha1: hex(cert.fingerprint),
    certificatePem: certPem,
    subject: cert.subject,
    notAfter: new Date(cert.validTo).toISOString(),
  };
}

export function readCertificateCredential(path: string): CertificateCredential {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new AuthenticationError(`cannot read certificate file ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  return parseCertificateCredential(text, path);
}
