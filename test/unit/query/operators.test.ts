/** Each tabular operator on the fixture tables, against results computed by hand. */
import * as assert from 'node:assert/strict';
import * as aq from 'arquero';
import { QueryError, runQuery } from '../../../src/core/query';
import { accepted } from './acceptedQueries';
import { DAY, NOW, T0, tables } from './support/fixtures';
import { columnIt, queryIt, rowsIt } from './support/run';

const ids = (r: { table: { array(n: string): ArrayLike<unknown> } }): unknown[] => Array.from(r.table.array('Id'));

describe('query operators', () => {
  describe('where', () => {
    columnIt('keeps rows whose predicate is true', 'AuditLogs | where Operation == "MailItemsAccessed"', 'Id', ['r1', 'r2', 'r4']);
    columnIt('bool == true keeps only true rows (null is not kept)', 'AuditLogs | where IsThrottled == true', 'Id', ['r4']);
    columnIt('bool != true keeps only false rows (null != true is null)', 'AuditLogs | where IsThrottled != true', 'Id', ['r1', 'r2']);
    columnIt('bool != false keeps only true rows', 'AuditLogs | where IsThrottled != false', 'Id', ['r4']);
    columnIt('and-chains of conditions on categorical columns', 'AuditLogs | where Operation == "MailItemsAccessed" and UserId == "alice@contoso.com"', 'Id', ['r1', 'r4']);
    columnIt('applies and-chains one condition after another', 'AuditLogs | where Operation == "MailItemsAccessed" and OperationCount > 2', 'Id', ['r1', 'r4']);
    columnIt('drops rows where the predicate is null', 'AuditLogs | where OperationCount > 0', 'Id', ['r1', 'r2', 'r4', 'r6']);
    columnIt('filter is a synonym', 'AuditLogs | filter Id == "r5"', 'Id', ['r5']);
    columnIt('compares a datetime with ago()', 'AuditLogs | where Time > ago(1d)', 'Id', ['r6']);
    columnIt('filters after a where (indexed columns)', 'AuditLogs | where Operation != "Send" | where Time < datetime(2024-03-02)', 'Id', ['r1', 'r2']);
  });

  describe('project, project-away, project-keep, project-rename, extend', () => {
    rowsIt('project picks, renames and computes', 'AuditLogs | project Id, Op = Operation, Twice = OperationCount * 2 | take 2', [
      { Id: 'r1', Op: 'MailItemsAccessed', Twice: 6 },
      { Id: 'r2', Op: 'MailItemsAccessed', Twice: 2 },
    ]);
    queryIt('project-away removes columns, with wildcards', 'AuditLogs | project Id, Operation, ClientIp, ClientInfoString | project-away Operation, Client*', (r) => {
      assert.deepEqual(r.table.columnNames(), ['Id']);
    });
    queryIt('project-keep keeps columns in input order', 'AuditLogs | project-keep UserId, Id', (r) => {
      assert.deepEqual(r.table.columnNames(), ['Id', 'UserId']);
    });
    queryIt('project-rename renames in place', 'AuditLogs | project Id, UserId | project-rename User = UserId', (r) => {
      assert.deepEqual(r.table.columnNames(), ['Id', 'User']);
      assert.deepEqual(Array.from(r.table.array('User')), ['alice@contoso.com', 'Bob@Contoso.com', 'admin@contoso.com', 'alice@contoso.com', 'admin@contoso.com', '']);
    });
    columnIt('extend adds a column (null in, null out)', 'AuditLogs | extend n = OperationCount * 2', 'n', [6, 2, null, 24, null, 2]);
    queryIt('extend replaces a column of the same name in place', 'AuditLogs | project Id, OperationCount | extend OperationCount = coalesce(OperationCount, 0)', (r) => {
      assert.deepEqual(r.table.columnNames(), ['Id', 'OperationCount']);
      assert.deepEqual(Array.from(r.table.array('OperationCount')), [3, 1, 0, 12, 0, 1]);
    });
    queryIt('unnamed expressions get the names Kusto gives them', 'AuditLogs | where Id == "r3" | project Parameters.AccessRights, tostring(Parameters.Identity), strlen(Id), tolower(UserId), Folders[0].Path', (r) => {
      assert.deepEqual(r.table.columnNames(), ['Parameters_AccessRights', 'Parameters_Identity', 'strlen_Id', 'Column1', 'Folders_0_Path']);
    });
  });

  describe('summarize', () => {
    rowsIt('count() by a column, groups in order of appearance', 'AuditLogs | summarize count() by Operation', [
      { Operation: 'MailItemsAccessed', count_: 3 },
      { Operation: 'Add-MailboxPermission', count_: 1 },
      { Operation: 'Set-Mailbox', count_: 1 },
      { Operation: 'Send', count_: 1 },
    ]);
    rowsIt('by bin(Time, 1d) keeps the name Time', 'AuditLogs | summarize n = count() by bin(Time, 1d)', [
      { Time: T0, n: 2 }, { Time: T0 + DAY, n: 2 }, { Time: T0 + 3 * DAY, n: 1 }, { Time: T0 + 6 * DAY, n: 1 },
    ]);
    rowsIt('by two keys', 'AuditLogs | summarize n = count() by UserId, Operation', [
      { UserId: 'alice@contoso.com', Operation: 'MailItemsAccessed', n: 2 },
      { UserId: 'Bob@Contoso.com', Operation: 'MailItemsAccessed', n: 1 },
      { UserId: 'admin@contoso.com', Operation: 'Add-MailboxPermission', n: 1 },
      { UserId: 'admin@contoso.com', Operation: 'Set-Mailbox', n: 1 },
      { UserId: '', Operation: 'Send', n: 1 },
    ]);
    rowsIt('without by, on no rows, gives one row', 'AuditLogs | where Id == "none" | summarize count(), sum(OperationCount)', [{ count_: 0, sum_OperationCount: 0 }]);
    rowsIt('an expression over aggregates', 'AuditLogs | summarize ratio = todouble(countif(IsThrottled)) / count(), total = sum(OperationCount) + 1', [{ ratio: 1 / 6, total: 18 }]);
  });

  describe('order by, top, take', () => {
    columnIt('order by asc', 'AuditLogs | order by Time asc', 'Id', ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    columnIt('order by is descending by default', 'AuditLogs | order by Time', 'Id', ['r6', 'r5', 'r4', 'r3', 'r2', 'r1']);
    columnIt('asc puts nulls first (stable)', 'AuditLogs | sort by OperationCount asc', 'Id', ['r3', 'r5', 'r2', 'r6', 'r1', 'r4']);
    columnIt('desc puts nulls last', 'AuditLogs | sort by OperationCount desc', 'Id', ['r4', 'r1', 'r2', 'r6', 'r3', 'r5']);
    columnIt('nulls first on desc', 'AuditLogs | order by OperationCount desc nulls first', 'Id', ['r3', 'r5', 'r4', 'r1', 'r2', 'r6']);
    columnIt('several keys, strings in ordinal order', 'AuditLogs | order by UserId asc, Time desc', 'Id', ['r6', 'r2', 'r5', 'r3', 'r4', 'r1']);
    columnIt('top N by (desc by default)', 'AuditLogs | top 2 by OperationCount', 'Id', ['r4', 'r1']);
    columnIt('top N by asc', 'AuditLogs | top 2 by Time asc', 'Id', ['r1', 'r2']);
    columnIt('take', 'AuditLogs | take 3', 'Id', ['r1', 'r2', 'r3']);
    columnIt('order by then take keeps the first rows of the order', 'AuditLogs | order by OperationCount asc | take 3', 'Id', ['r3', 'r5', 'r2']);
    columnIt('limit 0', 'AuditLogs | limit 0', 'Id', []);
  });

  describe('distinct and count', () => {
    columnIt('distinct one column', 'AuditLogs | distinct UserId', 'UserId', ['alice@contoso.com', 'Bob@Contoso.com', 'admin@contoso.com', '']);
    rowsIt('distinct several columns', 'AuditLogs | where UserId startswith "a" | distinct UserId, Operation', [
      { UserId: 'alice@contoso.com', Operation: 'MailItemsAccessed' },
      { UserId: 'admin@contoso.com', Operation: 'Add-MailboxPermission' },
      { UserId: 'admin@contoso.com', Operation: 'Set-Mailbox' },
    ]);
    columnIt('distinct *', 'AuditLogs | project Operation | distinct *', 'Operation', ['MailItemsAccessed', 'Add-MailboxPermission', 'Set-Mailbox', 'Send']);
    rowsIt('count', 'AuditLogs | count', [{ Count: 6 }]);
  });

  describe('join', () => {
    const left = 'AuditLogs | where Operation == "MailItemsAccessed" | project Id, UserId';
    const right = '(SignIns | project UserId = UserPrincipalName, City)';
    rowsIt('inner: every matching pair (keys case-sensitive)', `${left} | join kind=inner ${right} on UserId`, [
      { Id: 'r1', UserId: 'alice@contoso.com', UserId1: 'alice@contoso.com', City: 'Paris' },
      { Id: 'r4', UserId: 'alice@contoso.com', UserId1: 'alice@contoso.com', City: 'Paris' },
    ]);
    columnIt('innerunique (the default) keeps one left row per key', `${left} | join ${right} on UserId`, 'Id', ['r1']);
    columnIt('kind=innerunique explicitly', `${left} | join kind=innerunique ${right} on UserId`, 'Id', ['r1']);
    rowsIt('leftouter keeps unmatched left rows with empty right columns', `${left} | join kind=leftouter ${right} on UserId | project Id, City`, [
      { Id: 'r1', City: 'Paris' }, { Id: 'r2', City: '' }, { Id: 'r4', City: 'Paris' },
    ]);
    queryIt('leftanti: left rows without a match, left columns only', `${left} | join kind=leftanti ${right} on UserId`, (r) => {
      assert.deepEqual(r.table.columnNames(), ['Id', 'UserId']);
      assert.deepEqual(ids(r), ['r2']);
    });
    columnIt('where on a categorical column of unmatched rows reads them as empty strings', `${left} | join kind=leftouter ${right} on UserId | where City == ""`, 'Id', ['r2']);
    columnIt('where on a categorical column through the join index', `${left} | join kind=leftouter ${right} on UserId | where City == "Paris"`, 'Id', ['r1', 'r4']);
    columnIt('and-chains of categorical conditions through the join index', `${left} | join kind=leftouter ${right} on UserId | where City != "Lagos" and City == ""`, 'Id', ['r2']);
    columnIt('where != on a categorical column with unmatched rows', `${left} | join kind=leftouter ${right} on UserId | where City != "Paris"`, 'Id', ['r2']);
    columnIt('leftsemi: left rows with a match', `${left} | join kind=leftsemi ${right} on UserId`, 'Id', ['r1', 'r4']);
    columnIt('rightanti: right rows without a match', `${left} | join kind=rightanti ${right} on UserId`, 'UserId', ['bob@contoso.com', 'admin@contoso.com', 'eve@fabrikam.com']);
    columnIt('rightsemi', `${left} | join kind=rightsemi ${right} on UserId`, 'UserId', ['alice@contoso.com']);
    columnIt('fullouter', `${left} | join kind=fullouter ${right} on UserId`, 'City', ['Paris', '', 'Paris', 'Lagos', 'Paris', '']);
    rowsIt('$left/$right keys with different names', 'AuditLogs | where Id == "r2" | project Id, ClientIp | join kind=inner (SignIns | project IpAddress, UserPrincipalName) on $left.ClientIp == $right.IpAddress | project Id, UserPrincipalName', [
      { Id: 'r2', UserPrincipalName: 'bob@contoso.com' },
    ]);
    columnIt('a bare table on the right', 'AuditLogs | where Id == "r3" | project Id, UserPrincipalName = UserId | join kind=inner SignIns on UserPrincipalName | project City', 'City', ['Paris']);
  });

  describe('union', () => {
    rowsIt('union as a source', 'union AuditLogs, SignIns | count', [{ Count: 10 }]);
    rowsIt('union as an operator', 'AuditLogs | union SignIns | count', [{ Count: 10 }]);
    rowsIt('withsource names each row\'s table', 'union withsource=Src AuditLogs, SignIns | summarize n = count() by Src', [
      { Src: 'AuditLogs', n: 6 }, { Src: 'SignIns', n: 4 },
    ]);
    queryIt('columns absent from one side read as empty', 'union (AuditLogs | project Id), (SignIns | project City) | project Id, City', (r) => {
      assert.deepEqual(Array.from(r.table.array('Id')), ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', '', '', '', '']);
      assert.deepEqual(Array.from(r.table.array('City')), ['', '', '', '', '', '', 'Paris', 'Lagos', 'Paris', '']);
    });
    queryIt('kind=inner keeps common columns', 'union kind=inner (AuditLogs | project Id, UserId), (SignIns | project UserId = UserPrincipalName, City)', (r) => {
      assert.deepEqual(r.table.columnNames(), ['UserId']);
      assert.equal(r.table.numRows(), 10);
    });
  });

  describe('mv-expand', () => {
    rowsIt('expands arrays; an empty array gives no row', 'AuditLogs | where isnotnull(Folders) | mv-expand Folders | project Id, Path = tostring(Folders.Path)', [
      { Id: 'r1', Path: '\\Inbox' }, { Id: 'r2', Path: '\\Sent Items' }, { Id: 'r2', Path: '\\Inbox' },
    ]);
    rowsIt('null gives one row with null', 'AuditLogs | mv-expand Folders | summarize n = count()', [{ n: 6 }]);
    columnIt('expands bags into one-key bags', 'AuditLogs | where Id == "r5" | mv-expand Parameters | project P = tostring(Parameters)', 'P', [
      '{"Identity":"ceo@contoso.com"}', '{"AuditEnabled":"False"}',
    ]);
    columnIt('bagexpansion=array gives [key, value]', 'AuditLogs | where Id == "r5" | mv-expand bagexpansion=array Parameters | project P = tostring(Parameters)', 'P', [
      '["Identity","ceo@contoso.com"]', '["AuditEnabled","False"]',
    ]);
    columnIt('to typeof(string) casts (other types become empty)', 'datatable(a:dynamic)[dynamic(["x", 1, "y"])] | mv-expand a to typeof(string)', 'a', ['x', '', 'y']);
    columnIt('limit per row', 'AuditLogs | where Id == "r2" | mv-expand Folders limit 1 | project P = tostring(Folders.Path)', 'P', ['\\Sent Items']);
    columnIt('with_itemindex', 'AuditLogs | where Id == "r2" | mv-expand with_itemindex=i Folders | project i', 'i', [0, 1]);
    rowsIt('several arrays expand side by side', 'datatable(a:dynamic, b:dynamic)[dynamic([1, 2, 3]), dynamic(["x"])] | mv-expand a, b | project a = tolong(a), b = tostring(b)', [
      { a: 1, b: 'x' }, { a: 2, b: '' }, { a: 3, b: '' },
    ]);
    columnIt('nested arrays by member path', 'AuditLogs | where Id == "r1" | mv-expand Item = Folders[0].FolderItems | project Size = tolong(Item.SizeInBytes)', 'Size', [100, 50]);
  });

  describe('render', () => {
    queryIt('returns the chart hint with its properties', 'AuditLogs | summarize n = count() by bin(Time, 1d) | render timechart with (title="Per day", ycolumns=n)', (r) => {
      assert.deepEqual(r.render, { kind: 'timechart', props: { title: 'Per day', ycolumns: 'n' } });
    });
    queryIt('without properties', 'AuditLogs | summarize n = count() by Operation | render piechart', (r) => {
      assert.deepEqual(r.render, { kind: 'piechart', props: {} });
    });
  });

  describe('let statements and subqueries', () => {
    columnIt('scalar let', 'let n = 2;\nAuditLogs | where OperationCount >= n | project Id', 'Id', ['r1', 'r4']);
    rowsIt('tabular let', 'let mia = AuditLogs | where Operation == "MailItemsAccessed";\nmia | count', [{ Count: 3 }]);
    rowsIt('datatable let in a join', 'let roles = datatable(u:string, role:string)["alice@contoso.com", "CFO", "eve@fabrikam.com", "Guest"];\nAuditLogs | join kind=inner (roles | project UserId = u, role) on UserId | project Id, role', [
      { Id: 'r1', role: 'CFO' }, { Id: 'r4', role: 'CFO' },
    ]);
    columnIt('in (subquery)', 'AuditLogs | where UserId in (SignIns | where City == "Paris" | project UserPrincipalName) | project Id', 'Id', ['r1', 'r3', 'r4', 'r5']);
    columnIt('!in (tabular let)', 'let paris = SignIns | where City == "Paris" | project UserPrincipalName;\nAuditLogs | where UserId !in (paris) | project Id', 'Id', ['r2', 'r6']);
    columnIt('let of a dynamic list', 'let watched = dynamic(["203.0.113.7", "172.20.1.1"]);\nAuditLogs | where ClientIp in (watched) | project Id', 'Id', ['r2', 'r4', 'r6']);
    columnIt('a let that refers to an earlier let', 'let start = datetime(2024-03-02);\nlet stop = start + 2d;\nAuditLogs | where Time between (start .. stop) | project Id', 'Id', ['r3', 'r4', 'r5']);
  });

  describe('loaded data and run-time failures', () => {
    columnIt('a catalogue column the data lacks reads as empty', 'AuditLogs | where MailboxOwnerUPN == "" and isnull(ItemCount) | count', 'Count', [6]);
    it('a table that is not loaded has no rows, with a warning', async () => {
      const r = await runQuery(accepted('DirectoryAudits | count'), { tables: tables(), now: NOW });
      assert.deepEqual(r.table.objects(), [{ Count: 0 }]);
      assert.ok(r.diagnostics.some((d) => d.severity === 'warning' && /not loaded/.test(d.message)));
    });
    it('a run-time failure is a QueryError naming the operator and the range', async () => {
      const text = accepted('let n = -1;\nAuditLogs | take n');
      await assert.rejects(runQuery(text, { tables: tables(), now: NOW }), (e: unknown) => {
        assert.ok(e instanceof QueryError);
        assert.equal(e.code, 'runtime-error');
        assert.equal(e.operator, 'take');
        assert.equal(text.slice(e.range.start, e.range.end), 'n');
        assert.equal(e.diagnostic.code, 'runtime-error');
        return true;
      });
    });
    it('other tables can be queried with columns inferred from the data', async () => {
      const data = { ...tables(), Findings: aq.table({ Rule: ['a', 'b', 'a'], Score: [0.5, 0.9, 0.1], At: Float64Array.from([1, 2, 3]) }) };
      const r = await runQuery(accepted('Findings | where Score > 0.2 | summarize n = count() by Rule'), { tables: data, now: NOW });
      assert.ok(r.ok);
      assert.deepEqual(r.table.objects(), [{ Rule: 'a', n: 1 }, { Rule: 'b', n: 1 }]);
    });
  });

  describe('documents of several blocks', () => {
    const doc = accepted('AuditLogs | count\n\n// second block\nSignIns\n| count');
    it('runs the block asked for, or the one at an offset', async () => {
      const env = { tables: tables(), now: NOW };
      const first = await runQuery(doc, env);
      assert.deepEqual(first.table.objects(), [{ Count: 6 }]);
      assert.equal(first.block, 0);
      const second = await runQuery(doc, env, { block: 1 });
      assert.deepEqual(second.table.objects(), [{ Count: 4 }]);
      const atCursor = await runQuery(doc, env, { offset: doc.indexOf('SignIns') + 2 });
      assert.equal(atCursor.block, 1);
    });
  });
});
