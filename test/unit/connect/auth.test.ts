import { strict as assert } from 'node:assert';
import { parseCertificateCredential } from '../../../src/connect/auth/certificate';
import { MsalAppTokenProvider, MsalDeviceCodeTokenProvider, type DeviceCodeInfo } from '../../../src/connect/auth/msal';
import { exchangeScope, graphScope } from '../../../src/connect/auth/tokenProvider';
import { connectTenant } from '../../../src/connect/connection';
import { AuthenticationError } from '../../../src/connect/http/errors';
import type { FakeTenant } from '../../fakeTenant/server';
import { selfSignedCertificate } from '../../fakeTenant/selfSignedCert';
import { CLIENT_ID, CLIENT_SECRET, startTenant } from './support';

const CERT_CLIENT = '7d2b1f4e-3c5a-4e6b-8f9a-0b1c2d3e4f50';
const PUBLIC_CLIENT = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a';

// RSA key generation is the slow part: one certificate serves every test here.
let appCert: ReturnType<typeof selfSignedCertificate> | undefined;
const certificate = () => (appCert ??= selfSignedCertificate({ commonName: 'exo-audit test', keyType: 'rsa' }));

describe('connect: sign-in with msal-node against the fake token service', function () {
  this.timeout(60_000);
  let fake: FakeTenant;
  afterEach(async () => { await fake?.stop(); });

  it('app-only with a certificate: the client assertion is signed with the key and names the thumbprint', async () => {
    fake = await startTenant();
    const cert = certificate();
    fake.identity.register({ clientId: CERT_CLIENT, certificate: { publicKey: cert.publicKey, thumbprintSha256: cert.thumbprintSha256 } });
    const credential = parseCertificateCredential(cert.keyPem + cert.certPem);
    assert.equal(credential.thumbprintSha256, cert.thumbprintSha256);
    const tokens = new MsalAppTokenProvider({ tenantId: fake.tenantId, clientId: CERT_CLIENT, certificate: credential, authorityHost: fake.url, ca: fake.ca });
    const conn = connectTenant({ tenantId: fake.tenantId, tokens, graphBaseUrl: fake.url, exchangeBaseUrl: fake.url, ca: fake.ca });
    try {
      const org = await conn.graph.get<{ value: Array<{ id: string }> }>('organization');
      assert.equal(org.value[0]!.id, fake.tenantId);
      const sps = await conn.exchange.invoke('Get-ServicePrincipal');
      assert.ok(sps.length > 0);
    } finally {
      conn.close();
    }
    // Another key with the same client id is refused, and the message says why without the key.
    const other = selfSignedCertificate({ commonName: 'intruder', keyType: 'rsa' });
    const wrong = new MsalAppTokenProvider({ tenantId: fake.tenantId, clientId: CERT_CLIENT, certificate: parseCertificateCredential(other.keyPem + other.certPem), authorityHost: fake.url, ca: fake.ca });
    await assert.rejects(wrong.getToken([graphScope]), (e: Error) => e instanceof AuthenticationError && /AADSTS700027/.test(e.message) && !e.message.includes('PRIVATE KEY'));
    wrong.close();
  });

  it('a wrong client secret fails with the service\'s reason and never echoes the secret', async () => {
    fake = await startTenant();
    const secret = 'Q~definitely-not-the-right-secret-123';
    const tokens = new MsalAppTokenProvider({ tenantId: fake.tenantId, clientId: CLIENT_ID, clientSecret: secret, authorityHost: fake.url, ca: fake.ca });
    await assert.rejects(tokens.getToken([graphScope]), (e: Error) => e instanceof AuthenticationError && /AADSTS7000215/.test(e.message) && !e.message.includes(secret));
    tokens.close();
  });

  it('rejects a certificate file without a private key', () => {
    const cert = certificate();
    assert.throws(() => parseCertificateCredential(cert.certPem), /no private key/);
    assert.throws(() => parseCertificateCredential(cert.keyPem), /no certificate/);
  });

  it('delegated sign-in with the device code flow, then silent tokens for the Exchange admin API', async () => {
    fake = await startTenant();
    fake.identity.register({ clientId: PUBLIC_CLIENT, publicClient: true });
    const shown: DeviceCodeInfo[] = [];
    const tokens = new MsalDeviceCodeTokenProvider({
      tenantId: fake.tenantId, clientId: PUBLIC_CLIENT, authorityHost: fake.url, ca: fake.ca,
      // The investigator types the code in a browser; here the test approves it.
      onDeviceCode: (info) => { shown.push(info); fake.identity.approveDeviceCode(info.userCode, 'investigator@fourthcoffee.com'); },
    });
    const conn = connectTenant({ tenantId: fake.tenantId, tokens, graphBaseUrl: fake.url, exchangeBaseUrl: fake.url, ca: fake.ca });
    try {
      const users = await conn.graph.all<{ userPrincipalName: string }>('users?$select=userPrincipalName');
      assert.ok(users.length >= 20);
      const mailboxes = await conn.exchange.invoke('Get-Mailbox', { ResultSize: 'Unlimited' });
      assert.ok(mailboxes.length >= 20);
      assert.equal(shown.length, 1, 'one device code for both resources');
      assert.match(shown[0]!.message, new RegExp(shown[0]!.userCode));
      assert.ok(fake.requests.some((r) => r.path.includes('/oauth2/v2.0/devicecode')));
      const tokenCalls = fake.requests.filter((r) => r.path.includes('/oauth2/v2.0/token'));
      assert.equal(tokenCalls.length, 2, 'device code redeemed once, then a refresh for Exchange');
      const exo = await tokens.getToken([exchangeScope]);
      assert.ok(exo.startsWith('fake.'));
    } finally {
      conn.close();
    }
  });

  it('app-only tokens are cached until refused, then re-acquired once', async () => {
    fake = await startTenant();
    const tokens = new MsalAppTokenProvider({ tenantId: fake.tenantId, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, authorityHost: fake.url, ca: fake.ca });
    const a = await tokens.getToken([graphScope]);
    assert.equal(await tokens.getToken([graphScope]), a);
    const b = await tokens.getToken([graphScope], undefined, { forceRefresh: true });
    assert.notEqual(b, a);
    tokens.close();
  });
});
