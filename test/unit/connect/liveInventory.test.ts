import { strict as assert } from 'node:assert';
import type { FakeTenant } from '../../fakeTenant/server';
import { connectWithSecret, permissionParts, startTenant, synthTenant } from './support';

describe('connect: live inventory from the fake tenant', function () {
  this.timeout(60_000);
  let fake: FakeTenant;
  afterEach(async () => { await fake?.stop(); });

  it('reads the synthetic tenant through Graph and Exchange into the same permission model', async () => {
    const { synth } = synthTenant();
    fake = await startTenant();
    const { conn } = connectWithSecret(fake);
    const progress: string[] = [];
    try {
      const live = await conn.inventory({ onProgress: (p) => progress.push(p.step) });
      assert.equal(live.source, 'live');
      assert.equal(live.tenantId, synth.model.tenantId);
      assert.equal(live.domain, synth.model.domain);
      const expected = permissionParts(synth.model);
      const actual = permissionParts(live);
      for (const part of Object.keys(expected)) assert.deepEqual(new Set(actual[part]), new Set(expected[part]), part);
      assert.ok(progress.includes('mailbox permissions') && progress.includes('app role assignments'));
      // Paging was exercised on both APIs.
      assert.ok(fake.requests.some((r) => r.path.includes('$skiptoken') && r.path.startsWith('/v1.0/')));
      assert.ok(fake.requests.some((r) => r.path.includes('/InvokeCommand?$skiptoken=')));
    } finally {
      conn.close();
    }
  });
});
