import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSnapshot, parseSnapshot, saveSnapshot, snapshotText, SnapshotError } from '../../../src/connect/snapshot';
import type { FakeTenant } from '../../fakeTenant/server';
import { CLIENT_SECRET, connectWithSecret, permissionParts, startTenant, synthTenant } from './support';

describe('connect: tenant snapshots', function () {
  this.timeout(60_000);
  let dir: string;
  let fake: FakeTenant | undefined;
  beforeEach(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'exo-audit-snap-')); });
  afterEach(async () => {
    await fake?.stop();
    fake = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips a live inventory, with no token, secret or credential value in the file', async () => {
    fake = await startTenant();
    const { conn } = connectWithSecret(fake);
    try {
      const live = await conn.inventory();
      const file = path.join(dir, 'tenant.json');
      await saveSnapshot(file, live);
      const text = readFileSync(file, 'utf8');
      for (const s of [...fake.identity.issued, CLIENT_SECRET, 'secretText', 'customKeyIdentifier', '"hint"']) assert.ok(!text.includes(s), `${s.slice(0, 12)} in snapshot`);
      const loaded = await loadSnapshot(file);
      assert.equal(loaded.model.source, 'snapshot');
      assert.equal(loaded.savedFrom, 'live');
      assert.deepEqual(loaded.warnings, []);
      const a = permissionParts(live);
      const b = permissionParts(loaded.model);
      for (const part of Object.keys(a)) assert.deepEqual(new Set(b[part]), new Set(a[part]), part);
      for (const app of loaded.model.apps) for (const c of app.credentials) {
        assert.deepEqual(Object.keys(c).filter((k) => !['keyId', 'type', 'displayName', 'startDateTime', 'endDateTime'].includes(k)), []);
      }
    } finally {
      conn.close();
    }
  });

  it('strips secret-like fields smuggled into a model, on save and on load', () => {
    const model = structuredClone(synthTenant().synth.model);
    const app = model.apps.find((a) => a.credentials.length)!;
    Object.assign(app.credentials[0]!, { secretText: 'Q~leaked-secret-value', key: 'MIIC...' });
    (model as unknown as Record<string, unknown>).accessToken = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl';
    const saved = snapshotText(model);
    assert.ok(!saved.includes('Q~leaked-secret-value') && !saved.includes('MIIC...') && !saved.includes('eyJhbGci'));
    const raw = JSON.stringify({ format: 'exo-audit tenant snapshot', savedAt: '2024-01-01T00:00:00Z', savedBy: 'x', model });
    const loaded = parseSnapshot(raw);
    assert.ok(!JSON.stringify(loaded.model).includes('Q~leaked-secret-value'));
    assert.ok(loaded.warnings.some((w) => w.includes('secretText')) && loaded.warnings.some((w) => w.includes('accessToken')));
  });

  it('loads a bare model (as exo-audit synth writes model.json)', () => {
    const model = synthTenant().synth.model;
    const loaded = parseSnapshot(JSON.stringify(model));
    assert.equal(loaded.savedFrom, 'synthetic');
    assert.equal(loaded.model.mailboxes.length, model.mailboxes.length);
  });

  it('refuses broken, foreign and newer snapshots with errors that say where', async () => {
    const model = structuredClone(synthTenant().synth.model) as unknown as { mailboxes: Array<Record<string, unknown>>; schemaVersion: number };
    model.mailboxes[3]!.guid = 42;
    assert.throws(() => parseSnapshot(JSON.stringify(model), 'x.json'), (e: Error) => e instanceof SnapshotError && /x\.json is not a valid tenant snapshot: \$\.mailboxes\[3\]\.guid: expected a string, found number/.test(e.message));
    model.mailboxes[3]!.guid = 'g';
    model.schemaVersion = 2;
    assert.throws(() => parseSnapshot(JSON.stringify(model), 'x.json'), /schemaVersion 2, written by a newer exo-audit/);
    assert.throws(() => parseSnapshot('{"format":"something else","model":{}}', 'y.json'), /not an exo-audit tenant snapshot/);
    assert.throws(() => parseSnapshot('{"tenantId":', 'z.json'), /z\.json is not JSON/);
    const file = path.join(dir, 'missing.json');
    await assert.rejects(loadSnapshot(file), /cannot read .*missing\.json: ENOENT/);
    writeFileSync(path.join(dir, 'empty.json'), '[]');
    await assert.rejects(loadSnapshot(path.join(dir, 'empty.json')), /expected an object, found array/);
  });
});
