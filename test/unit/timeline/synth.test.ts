import { strict as assert } from 'node:assert';
import { runFindingsSync } from '../../../src/core/findings';
import { createSyntheticTenant } from '../../../src/core/synth';
import type { TableName } from '../../../src/core/schema/types';
import { classifyOperation, TimelineModel, type TimelineTables } from '../../../src/core/timeline';
import { loadLines } from './support';

const TABLES: TableName[] = ['AuditLogs', 'SignIns', 'DirectoryAudits'];

describe('timeline of the synthetic tenant', function () {
  this.timeout(180_000);
  const synth = createSyntheticTenant({ seed: 11, users: 30, days: 14, records: 6000 });
  let tables: TimelineTables;
  let model: TimelineModel;
  const rowOf = new Map<string, { table: TableName; row: number }>();

  before(async function () {
    tables = await loadLines('synth.jsonl', [...synth.records()].map((r) => JSON.stringify(r.record)));
    for (const table of TABLES) {
      const ids = tables[table]!.array('Id') as string[];
      ids.forEach((id, row) => rowOf.set(`${table}:${id}`, { table, row }));
    }
    const findings = runFindingsSync(tables);
    model = new TimelineModel(tables, {}, { findings: findings.findings, stories: findings.stories });
  });

  it('shows every labelled attack record that is a grant, consent, RBAC change, tampering, export or sign-in as a marker at its time', function () {
    let checked = 0;
    const kinds = new Set<string>();
    for (const scenario of synth.labels.scenarios) {
      for (const table of TABLES) {
        for (const id of scenario.records[table]) {
          const at = rowOf.get(`${table}:${id}`);
          assert.ok(at, `${scenario.id}: record ${id} was loaded`);
          const t = tables[table]!;
          const operation = t.columnNames().includes('Operation') ? String(t.get('Operation', at.row)) : '';
          const cls = classifyOperation(table, operation).cls;
          if (cls === null || cls === 'density') continue;
          const marker = model.index.rowToMarker[TABLES.indexOf(table)]![at.row]!;
          if (marker < 0) {
            // Set-Mailbox / Set-OrganizationConfig are markers only when they touch auditing or grant SendOnBehalf.
            assert.match(operation, /^Set-(Mailbox|OrganizationConfig)$/, `${scenario.id}: ${id}`);
            continue;
          }
          assert.equal(model.index.markers.time[marker], t.get('Time', at.row));
          kinds.add(model.index.markerKind(marker));
          checked++;
        }
      }
    }
    assert.ok(checked > 20, `${checked} labelled markers`);
    for (const k of ['delegation', 'consent', 'appRole', 'rbac', 'auditTampering', 'ediscovery', 'signIn', 'inboxRule']) assert.ok(kinds.has(k), k);
  });

  it('draws the contractor\'s FullAccess grant as a delegation marker in the window around it, with its finding', function () {
    const scenario = synth.labels.scenarios.find((s) => s.id === 'contractor-delegation')!;
    const grant = scenario.records.AuditLogs.map((id) => rowOf.get(`AuditLogs:${id}`)!)
      .find(({ row }) => tables.AuditLogs!.get('Operation', row) === 'Add-MailboxPermission')!;
    const time = tables.AuditLogs!.get('Time', grant.row) as number;
    const w = model.window({ requestId: 1, from: time - 3_600_000, to: time + 3_600_000, buckets: 120, groupBy: 'mailbox', laneOffset: 0, laneLimit: 400, focusOnly: false });
    const marker = w.markers.find((m) => m.kind === 'delegation' && m.time === time && /FullAccess/.test(m.label));
    assert.ok(marker, 'the grant is a marker');
    assert.deepEqual(model.markerRecord(marker.id), grant);
    assert.ok(marker.severity !== null, 'a finding holds the grant as evidence');
    const d = model.details(marker.id, 'mailbox')!;
    assert.ok(d.findings.length > 0);
    assert.equal(d.fields.find((f) => f.name === 'AccessRights')?.value, 'FullAccess');
  });

  it('shows the bulk export as a throttled burst on the mailbox it read', function () {
    const scenario = synth.labels.scenarios.find((s) => s.id === 'bulk-export-throttled')!;
    const reads = scenario.records.AuditLogs.map((id) => rowOf.get(`AuditLogs:${id}`)!).filter(({ row }) => tables.AuditLogs!.get('Operation', row) === 'MailItemsAccessed');
    const mailbox = String(tables.AuditLogs!.get('MailboxOwnerUPN', reads[0]!.row));
    const span = model.index.span()!;
    model.setFocus({ mailbox });
    const w = model.window({ requestId: 2, from: span.from, to: span.to + 1, buckets: 2000, groupBy: 'mailbox', laneOffset: 0, laneLimit: 1, focusOnly: true });
    assert.equal(w.lanes[0]!.label.toLowerCase(), mailbox.toLowerCase());
    const throttled = w.bursts.filter((b) => b.throttled);
    assert.equal(throttled.length, 1);
    assert.ok(throttled[0]!.peak >= 100);
    const start = Date.parse(scenario.start);
    assert.ok(throttled[0]!.from >= start - 3_600_000 && throttled[0]!.from <= Date.parse(scenario.end));
    assert.ok(w.density[0]!.bins.some((v, i) => i % 3 === 2 && v > 0), 'throttled records are counted in their buckets');
    model.setFocus(null);
  });

  it('lays stories over the timeline as connected spans on the lanes of their findings', function () {
    const span = model.index.span()!;
    const w = model.window({ requestId: 3, from: span.from, to: span.to + 1, buckets: 1000, groupBy: 'actor', laneOffset: 0, laneLimit: 400, focusOnly: false });
    assert.ok(w.stories.length > 0);
    assert.ok(w.stories.some((s) => s.points.length > 1));
    for (const s of w.stories) for (const p of s.points) assert.ok(w.lanes.some((l) => l.index === p.lane));
    assert.ok(w.lanes[0]!.findings > 0, 'lanes with findings come first');
  });
});
