import { strict as assert } from 'node:assert';
import { HttpStatusError, NetworkError, RequestTimeoutError } from '../../../src/connect/http/errors';
import type { FakeTenant } from '../../fakeTenant/server';
import { CLIENT_SECRET, connectWithSecret, startTenant } from './support';

describe('connect: throttling, server errors, expired tokens, timeouts, cancellation', function () {
  this.timeout(60_000);
  let fake: FakeTenant;
  afterEach(async () => { await fake?.stop(); });

  it('honours Retry-After on 429 (the wait is asked of the sleeper, not slept)', async () => {
    fake = await startTenant();
    fake.faults.add({ kind: 'throttle', retryAfterSeconds: 7, match: /^GET \/v1\.0\/users/, times: 2 });
    const { conn, waits, events } = connectWithSecret(fake);
    try {
      const users = await conn.graph.all('users?$top=999');
      assert.ok(users.length >= 20);
      assert.deepEqual(waits, [7000, 7000]);
      assert.deepEqual(events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && [e.reason, e.status]), [['throttled', 429], ['throttled', 429]]);
    } finally {
      conn.close();
    }
  });

  it('retries 5xx with exponential backoff and gives up after the bound with a clear error', async () => {
    fake = await startTenant();
    fake.faults.add({ kind: 'serverError', status: 503, match: /InvokeCommand/, times: 2 });
    const { conn, waits } = connectWithSecret(fake, { retry: { baseDelayMs: 500, maxRetries: 3 } });
    try {
      const sps = await conn.exchange.invoke('Get-ServicePrincipal');
      assert.ok(sps.length > 0);
      assert.deepEqual(waits, [500, 1000]);
      fake.faults.add({ kind: 'serverError', status: 502, match: /InvokeCommand/, times: 10 });
      await assert.rejects(conn.exchange.invoke('Get-ManagementScope'), (e: Error) => e instanceof HttpStatusError && e.status === 502 && e.attempts === 4
        && /POST .*InvokeCommand failed with HTTP 502 ServiceUnavailable/.test(e.message));
      assert.deepEqual(waits.slice(2), [500, 1000, 2000]);
    } finally {
      conn.close();
    }
  });

  it('re-acquires a token once when the service answers 401 for an expired one', async () => {
    fake = await startTenant();
    const { conn, events } = connectWithSecret(fake);
    try {
      await conn.graph.get('organization');
      fake.faults.add({ kind: 'expireToken', match: /^GET \/v1\.0\/groups/ });
      const groups = await conn.graph.all('groups');
      assert.ok(groups.length >= 1);
      assert.equal(events.filter((e) => e.type === 'tokenRefreshed').length, 1);
      assert.ok(fake.requests.some((r) => r.path.startsWith('/v1.0/groups') && r.status === 401));
      // A token that keeps being refused is not retried forever.
      fake.faults.add({ kind: 'expireToken', match: /^GET \/v1\.0\/users/, times: 5 });
      await assert.rejects(conn.graph.get('users'), (e: Error) => e instanceof HttpStatusError && e.status === 401 && /InvalidAuthenticationToken/.test(e.message));
    } finally {
      conn.close();
    }
  });

  it('a response slower than the client timeout surfaces as a timeout naming the request', async () => {
    fake = await startTenant();
    const { conn, events } = connectWithSecret(fake, { timeoutMs: 250, retry: { maxRetries: 1, baseDelayMs: 10 } });
    try {
      await conn.graph.get('organization');
      fake.faults.add({ kind: 'slow', match: /^GET \/v1\.0\/applications/, times: 2 });
      await assert.rejects(conn.graph.all('applications'), (e: Error) => e instanceof RequestTimeoutError && /GET https:\/\/127\.0\.0\.1:\d+\/v1\.0\/applications timed out: no complete response within 250 ms \(2 attempts\)/.test(e.message));
      assert.equal(events.filter((e) => e.type === 'retry' && e.reason === 'timeout').length, 1);
    } finally {
      conn.close();
    }
  });

  it('a connection dropped mid-response is retried; a dropped one every time is a network error', async () => {
    fake = await startTenant();
    const { conn } = connectWithSecret(fake, { retry: { maxRetries: 2, baseDelayMs: 10 } });
    try {
      fake.faults.add({ kind: 'drop', match: /^GET \/v1\.0\/users/ });
      assert.ok((await conn.graph.all('users')).length >= 20);
      fake.faults.add({ kind: 'drop', match: /^GET \/v1\.0\/groups/, times: 3 });
      await assert.rejects(conn.graph.all('groups'), (e: Error) => e instanceof NetworkError && /groups: connection failed \((ECONNRESET|connection dropped mid-response)\) after 3 attempts/.test(e.message));
    } finally {
      conn.close();
    }
  });

  it('a mailbox folder the service cannot find is a warning, not the end of the inventory', async () => {
    fake = await startTenant();
    fake.faults.add({ kind: 'serverError', status: 400, match: /Get-MailboxFolderPermission.*:\\\\Inbox/, times: 1 });
    const { conn } = connectWithSecret(fake);
    const warnings: string[] = [];
    try {
      const live = await conn.inventory({ onWarning: (w) => warnings.push(w) });
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /^Get-MailboxFolderPermission \S+:\\Inbox: The service is temporarily unavailable/);
      assert.ok(live.mailboxes.length > 20);
    } finally {
      conn.close();
    }
  });

  it('cancels a running inventory through its AbortSignal', async () => {
    fake = await startTenant();
    const { conn } = connectWithSecret(fake);
    const ac = new AbortController();
    try {
      await assert.rejects(conn.inventory({ signal: ac.signal, onProgress: (p) => { if (p.step === 'app role assignments') ac.abort(); } }), (e: Error) => e.name === 'AbortError');
    } finally {
      conn.close();
    }
  });

  it('never lets a token or the client secret into an error or an event', async () => {
    fake = await startTenant();
    const { conn, events } = connectWithSecret(fake, { retry: { maxRetries: 0 } });
    const messages: string[] = [];
    try {
      await conn.graph.get('organization');
      fake.faults.add({ kind: 'serverError', status: 500, match: /^GET \/v1\.0\/users/ });
      await conn.graph.get('users').catch((e: Error) => messages.push(e.message, String(e.stack)));
      await conn.graph.get('no/such/thing').catch((e: Error) => messages.push(e.message));
      const text = JSON.stringify([messages, events]);
      assert.ok(messages.length >= 2);
      for (const secret of [...fake.identity.issued, CLIENT_SECRET]) assert.ok(!text.includes(secret), 'a secret leaked');
    } finally {
      conn.close();
    }
  });
});
