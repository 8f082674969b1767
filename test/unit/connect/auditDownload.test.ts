import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAuditLog, CountMismatchError } from '../../../src/connect/audit/download';
import { STATE_FILE } from '../../../src/connect/audit/state';
import { localInputFile } from '../../../src/connect/localFiles';
import { DatasetLoader } from '../../../src/core/ingest';
import type { FakeTenant } from '../../fakeTenant/server';
import { connectWithSecret, recordingSleeper, startTenant, synthTenant } from './support';

const DAY = 86_400_000;

function ids(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.startsWith('audit-')).flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id));
}

describe('connect: audit log download', function () {
  this.timeout(60_000);
  let fake: FakeTenant;
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'exo-audit-dl-')); });
  afterEach(async () => {
    await fake?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const window = () => {
    const { synth } = synthTenant();
    return { start: synth.options.start, end: synth.options.end };
  };

  it('slices adaptively, checks counts, writes a manifest, and the loader loads what it says', async () => {
    fake = await startTenant();
    const { conn } = connectWithSecret(fake);
    const { sleep, waits } = recordingSleeper();
    const { start, end } = window();
    const expected = fake.audit.audit.filter((r) => r.time >= start && r.time < end).length;
    try {
      const manifest = await downloadAuditLog(conn.graph, { outDir: dir, start, end, sliceCap: 800, pageSize: 250, sleep, pollIntervalMs: 2000 });
      assert.equal(manifest.totals.AuditLogs, expected);
      assert.ok(manifest.slices.length > 4 && manifest.slices.some((s) => Date.parse(s.end) - Date.parse(s.start) < DAY), `${manifest.slices.length} slices`);
      for (const s of manifest.slices) {
        assert.ok(s.reportedCount <= 800, `${s.start} holds ${s.reportedCount}`);
        assert.equal(s.fetched, s.reportedCount);
        assert.equal(s.countBasis, 'odataCount');
      }
      // Slices tile the window exactly.
      assert.equal(manifest.slices[0]!.start, new Date(start).toISOString());
      assert.equal(manifest.slices.at(-1)!.end, new Date(end).toISOString());
      for (let i = 1; i < manifest.slices.length; i++) assert.equal(manifest.slices[i]!.start, manifest.slices[i - 1]!.end);
      assert.ok(fake.requests.some((r) => r.path.includes('/records?') && r.path.includes('$skiptoken')), 'records were paged');
      assert.ok(waits.every((w) => w === 2000) && waits.length >= manifest.slices.length, 'each query was polled');
      const all = ids(dir);
      assert.equal(new Set(all).size, all.length, 'no record twice');
      assert.equal(manifest.totals.SignIns, fake.audit.signIns.filter((r) => r.time >= start && r.time < end).length);
      assert.equal(manifest.totals.DirectoryAudits, fake.audit.directoryAudits.filter((r) => r.time >= start && r.time < end).length);

      const loader = new DatasetLoader();
      for (const f of manifest.files) await loader.load(localInputFile(path.join(dir, f.name), f.name, { hash: false }));
      const ds = loader.finish();
      assert.equal(ds.tables.AuditLogs.numRows(), manifest.totals.AuditLogs);
      assert.equal(ds.tables.SignIns.numRows(), manifest.totals.SignIns);
      assert.equal(ds.tables.DirectoryAudits.numRows(), manifest.totals.DirectoryAudits);
      assert.equal(ds.ledger.rejected, 0);
      for (const f of manifest.files) {
        assert.equal(createHash('sha256').update(readFileSync(path.join(dir, f.name))).digest('hex'), f.sha256, f.name);
        assert.equal(ds.ledger.files.find((l) => l.file === f.name)?.read, f.records, f.name);
      }
    } finally {
      conn.close();
    }
  });

  it('resumes after a dropped connection mid-download without refetching finished slices or duplicating records', async () => {
    fake = await startTenant();
    const { start, end } = window();
    const first = connectWithSecret(fake, { retry: { maxRetries: 0 } });
    // The 7th records page of the download dies mid-response, and retries are off: the run stops there.
    fake.faults.add({ kind: 'drop', match: /\/records\?.*\$skiptoken/, after: 6 });
    const options = { outDir: dir, start, end, sliceCap: 100_000, pageSize: 100, sleep: recordingSleeper().sleep, signIns: false, directoryAudits: false };
    await assert.rejects(downloadAuditLog(first.conn.graph, options), /connection failed/);
    first.conn.close();
    const state = JSON.parse(readFileSync(path.join(dir, STATE_FILE), 'utf8')) as { slices: Array<{ status: string; fetched: number }> };
    assert.ok(state.slices.some((s) => s.status === 'done'), 'some slices finished before the drop');
    assert.ok(state.slices.some((s) => s.status === 'downloading' && s.fetched > 0), 'one slice was interrupted mid-way');
    const queriesBefore = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/security/auditLog/queries')).length;

    const second = connectWithSecret(fake);
    try {
      const manifest = await downloadAuditLog(second.conn.graph, options);
      const expected = fake.audit.audit.filter((r) => r.time >= start && r.time < end).length;
      assert.equal(manifest.totals.AuditLogs, expected);
      const all = ids(dir);
      assert.equal(all.length, expected);
      assert.equal(new Set(all).size, expected, 'no record twice');
      const queriesAfter = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/security/auditLog/queries')).length;
      assert.equal(queriesAfter - queriesBefore, state.slices.filter((s) => s.status === 'pending').length, 'only slices not yet queried were queried again');
    } finally {
      second.conn.close();
    }
  });

  it('resumes after cancellation', async () => {
    fake = await startTenant();
    const { start, end } = window();
    const { conn } = connectWithSecret(fake);
    const ac = new AbortController();
    const options = { outDir: dir, start, end, pageSize: 200, sleep: recordingSleeper().sleep, signIns: false, directoryAudits: false };
    try {
      await assert.rejects(downloadAuditLog(conn.graph, { ...options, signal: ac.signal, onProgress: (p) => { if (p.phase === 'page' && p.fetched >= 600) ac.abort(); } }), (e: Error) => e.name === 'AbortError');
      const manifest = await downloadAuditLog(conn.graph, options);
      assert.equal(manifest.totals.AuditLogs, fake.audit.audit.filter((r) => r.time >= start && r.time < end).length);
      assert.equal(new Set(ids(dir)).size, manifest.totals.AuditLogs);
    } finally {
      conn.close();
    }
  });

  it('a slice whose records do not add up to the reported count is an error naming the slice', async () => {
    fake = await startTenant();
    const { start, end } = window();
    fake.audit.countSkew.set(start + DAY, 1);
    const { conn } = connectWithSecret(fake);
    try {
      await assert.rejects(downloadAuditLog(conn.graph, { outDir: dir, start, end, sleep: recordingSleeper().sleep, signIns: false, directoryAudits: false }),
        (e: Error) => e instanceof CountMismatchError && e.reported === e.fetched + 1
          && e.message.includes(`audit slice ${new Date(start + DAY).toISOString()} .. ${new Date(start + 2 * DAY).toISOString()}`));
      // Fixed on the service side, the next run downloads the slice again and completes.
      fake.audit.countSkew.clear();
      const manifest = await downloadAuditLog(conn.graph, { outDir: dir, start, end, sleep: recordingSleeper().sleep, signIns: false, directoryAudits: false });
      assert.equal(manifest.totals.AuditLogs, fake.audit.audit.filter((r) => r.time >= start && r.time < end).length);
    } finally {
      conn.close();
    }
  });

  it('refuses to mix two different downloads in one folder', async () => {
    fake = await startTenant();
    const { start, end } = window();
    const { conn } = connectWithSecret(fake);
    try {
      await downloadAuditLog(conn.graph, { outDir: dir, start, end: start + DAY, sleep: recordingSleeper().sleep, signIns: false, directoryAudits: false });
      await assert.rejects(downloadAuditLog(conn.graph, { outDir: dir, start, end, sleep: recordingSleeper().sleep }), /holds a different download/);
    } finally {
      conn.close();
    }
  });
});
