import { strict as assert } from 'assert';
import { parse } from 'csv-parse/sync';
import { SYNTH_FORMATS, SYNTH_FORMAT_SETS, writeFormat, type SynthFormatId } from '../../../src/core/synth';
import { collect } from './fixtures';

const OPTIONS = { seed: 31, users: 20, days: 8, records: 2500 } as const;

function text(format: SynthFormatId): string {
  const { tenant, all } = collect(OPTIONS);
  let s = '';
  let chunks = 0;
  for (const chunk of writeFormat(format, all, tenant.writerContext, 4096)) {
    s += chunk;
    chunks++;
  }
  assert.ok(chunks > 1 || s.length < 8192, 'streams in chunks');
  return s;
}

function lines(s: string): unknown[] {
  return s.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as unknown);
}

function csv(s: string): Record<string, string>[] {
  return parse(s, { columns: true, bom: true, relax_quotes: false }) as Record<string, string>[];
}

function ids(table: 'AuditLogs' | 'SignIns' | 'DirectoryAudits'): string[] {
  return collect(OPTIONS).byTable[table].map((r) => r.id);
}

const US_PURVIEW = /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2} (AM|PM)$/;
const US_SENTINEL = /^\d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d{2}:\d{2}\.\d{3} (AM|PM)$/;

describe('synth writers', () => {
  it('lists each format once, and every set names known formats covering all three tables', () => {
    const known = new Set(SYNTH_FORMATS.map((f) => f.id));
    assert.equal(known.size, SYNTH_FORMATS.length);
    for (const [name, set] of Object.entries(SYNTH_FORMAT_SETS)) {
      const tables = new Set(set.flatMap((f) => SYNTH_FORMATS.find((x) => x.id === f)!.tables));
      assert.ok(set.every((f) => known.has(f)), name);
      assert.deepEqual([...tables].sort(), ['AuditLogs', 'DirectoryAudits', 'SignIns'], name);
    }
  });

  it('UAL JSON lines: one AuditData object per line, same Ids as the records', () => {
    const objs = lines(text('ual-jsonl')) as Record<string, unknown>[];
    assert.deepEqual(objs.map((o) => o.Id), ids('AuditLogs'));
    assert.match(String(objs[0]!.CreationTime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('UAL JSON array: one pretty-printed array', () => {
    const s = text('ual-json');
    assert.ok(s.startsWith('[\n  {\n    "'));
    const arr = JSON.parse(s) as Record<string, unknown>[];
    assert.deepEqual(arr.map((o) => o.Id), ids('AuditLogs'));
  });

  it('Purview CSV: the export header, US-style CreationDate, AuditData as a JSON cell', () => {
    const s = text('purview-csv');
    assert.ok(s.startsWith('RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames\n'));
    const rows = csv(s);
    assert.deepEqual(rows.map((r) => r.RecordId), ids('AuditLogs'));
    const records = collect(OPTIONS).byTable.AuditLogs;
    rows.forEach((row, i) => {
      assert.match(row.CreationDate!, US_PURVIEW);
      const audit = JSON.parse(row.AuditData!) as Record<string, unknown>;
      assert.equal(audit.Id, row.RecordId);
      assert.equal(String(audit.RecordType), row.RecordType);
      assert.equal(audit.Operation, row.Operation);
      assert.equal(Date.parse(`${row.CreationDate} UTC`), records[i]!.time);
    });
  });

  it('older export CSV: CreationDate,UserIds,Operations,AuditData', () => {
    const rows = csv(text('purview-csv-legacy'));
    assert.deepEqual(Object.keys(rows[0]!), ['CreationDate', 'UserIds', 'Operations', 'AuditData']);
    assert.deepEqual(rows.map((r) => (JSON.parse(r.AuditData!) as { Id: string }).Id), ids('AuditLogs'));
    assert.match(rows[0]!.CreationDate!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
  });

  it('Graph audit log query records: camelCase top level and auditData', () => {
    const objs = lines(text('graph-audit-jsonl')) as Record<string, unknown>[];
    assert.deepEqual(objs.map((o) => o.id), ids('AuditLogs'));
    const mia = objs.find((o) => o.operation === 'MailItemsAccessed')!;
    assert.equal(mia.auditLogRecordType, 'exchangeItemAggregated');
    assert.equal(mia.service, 'Exchange');
    assert.equal((mia.auditData as Record<string, unknown>).Id, mia.id);
    for (const k of ['id', 'createdDateTime', 'auditLogRecordType', 'operation', 'organizationId', 'userType', 'userId', 'userPrincipalName', 'clientIp', 'objectId', 'service', 'auditData']) {
      assert.ok(k in mia, k);
    }
    assert.match(String(mia.createdDateTime), /Z$/);
  });

  it('Sentinel OfficeActivity CSV: BOM, "TimeGenerated [UTC]", multi-line JSON cells, Logon_Type names', () => {
    const s = text('officeactivity-csv');
    assert.equal(s.charCodeAt(0), 0xfeff);
    const rows = csv(s);
    assert.deepEqual(rows.map((r) => r.OfficeId), ids('AuditLogs'));
    assert.ok(rows.every((r) => US_SENTINEL.test(r['TimeGenerated [UTC]']!)));
    const mia = rows.find((r) => r.Operation === 'MailItemsAccessed' && r.Folders!.includes('\n'))!;
    assert.ok(mia, 'a MailItemsAccessed row with a multi-line Folders cell');
    assert.ok(['Owner', 'Delegated'].includes(mia.Logon_Type!));
    assert.equal(mia.RecordType, '50');
    assert.ok(mia.Client_IPAddress!.length > 0);
    assert.ok(Array.isArray(JSON.parse(mia.Folders!)));
    const admin = rows.find((r) => r.Operation === 'Add-MailboxPermission')!;
    assert.equal(admin.RecordType, 'ExchangeAdmin');
    assert.ok(Array.isArray(JSON.parse(admin.Parameters!)));
  });

  it('Sentinel OfficeActivity JSON lines', () => {
    const objs = lines(text('officeactivity-jsonl')) as Record<string, unknown>[];
    assert.deepEqual(objs.map((o) => o.OfficeId), ids('AuditLogs'));
    assert.match(String(objs[0]!.TimeGenerated), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('Graph signIns as a {"value":[...]} page and as JSON lines', () => {
    const page = JSON.parse(text('graph-signins-json')) as { value: Record<string, unknown>[] };
    assert.deepEqual(page.value.map((o) => o.id), ids('SignIns'));
    const first = page.value.find((o) => o.userPrincipalName)!;
    for (const k of ['createdDateTime', 'clientAppUsed', 'ipAddress', 'location', 'status']) assert.ok(k in first, k);
    assert.ok('geoCoordinates' in (first.location as object));
    assert.ok(page.value.some((o) => o.clientAppUsed === 'Exchange ActiveSync') || page.value.some((o) => o.clientAppUsed === 'Mobile Apps and Desktop clients'));
    assert.deepEqual((lines(text('graph-signins-jsonl')) as { id: string }[]).map((o) => o.id), ids('SignIns'));
  });

  it('Sentinel SigninLogs CSV', () => {
    const s = text('signinlogs-csv');
    assert.equal(s.charCodeAt(0), 0xfeff);
    const rows = csv(s);
    assert.deepEqual(rows.map((r) => r.Id), ids('SignIns'));
    assert.ok(rows.every((r) => US_SENTINEL.test(r['CreatedDateTime [UTC]']!)));
    const loc = JSON.parse(rows.find((r) => r.UserPrincipalName)!.LocationDetails_dynamic!) as { countryOrRegion: string };
    assert.match(loc.countryOrRegion, /^[A-Z]{2}$/);
  });

  it('Graph directoryAudits as a page and as JSON lines, and Sentinel AuditLogs CSV', () => {
    const page = JSON.parse(text('graph-directoryaudits-json')) as { value: Record<string, unknown>[] };
    assert.deepEqual(page.value.map((o) => o.id), ids('DirectoryAudits'));
    assert.ok(page.value.every((o) => /^Directory_/.test(String(o.id)) && Array.isArray(o.targetResources)));
    assert.match(String(page.value[0]!.activityDateTime), /\.\d{7}Z$/);
    assert.deepEqual((lines(text('graph-directoryaudits-jsonl')) as { id: string }[]).map((o) => o.id), ids('DirectoryAudits'));
    const rows = csv(text('auditlogs-csv'));
    assert.deepEqual(rows.map((r) => r.Id), ids('DirectoryAudits'));
    assert.ok(Array.isArray(JSON.parse(rows[0]!.TargetResources!)));
    assert.ok(rows.every((r) => US_SENTINEL.test(r['TimeGenerated [UTC]']!)));
  });

  it('Azure Monitor diagnostic settings: {"records":[{time, operationName, category, properties}]}', () => {
    const doc = JSON.parse(text('azure-monitor-json')) as { records: Record<string, unknown>[] };
    const signIns = doc.records.filter((r) => String(r.category).endsWith('SignInLogs'));
    const audits = doc.records.filter((r) => r.category === 'AuditLogs');
    assert.deepEqual(signIns.map((r) => (r.properties as { id: string }).id), ids('SignIns'));
    assert.deepEqual(audits.map((r) => (r.properties as { id: string }).id), ids('DirectoryAudits'));
    for (const r of doc.records) {
      assert.match(String(r.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
      assert.ok(typeof r.operationName === 'string' && typeof r.properties === 'object');
    }
    const a = audits[0]!;
    assert.match(String((a.properties as { activityDateTime: string }).activityDateTime), /\+00:00$/);
    assert.equal(Date.parse(String(a.time)), Date.parse(String((a.properties as { activityDateTime: string }).activityDateTime)));
  });

  it('writes headers and empty documents when a table has no records', () => {
    const none: never[] = [];
    const ctx = { tenantId: '00000000-0000-0000-0000-000000000000' };
    assert.deepEqual(JSON.parse([...writeFormat('ual-json', none, ctx)].join('')), []);
    assert.deepEqual(JSON.parse([...writeFormat('azure-monitor-json', none, ctx)].join('')), { records: [] });
    assert.deepEqual(JSON.parse([...writeFormat('graph-signins-json', none, ctx)].join('')).value, []);
    assert.equal(csv([...writeFormat('signinlogs-csv', none, ctx)].join('')).length, 0);
  });
});
