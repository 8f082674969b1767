/** The binder: schema flowing through the pipe, types, diagnostics with ranges, codes and suggestions. */
import * as assert from 'node:assert/strict';
import { analyze, catalogueSchema, extendSchema, type Diagnostic } from '../../../src/core/query';
import { accepted } from './acceptedQueries';

function diagnostics(text: string): Diagnostic[] {
  return [...analyze(text).diagnostics];
}

function only(text: string): Diagnostic {
  const ds = diagnostics(text).filter((d) => d.severity === 'error');
  assert.equal(ds.length, 1, `expected one error in ${text}: ${ds.map((d) => d.message).join('; ')}`);
  return ds[0]!;
}

const at = (text: string, d: Diagnostic): string => text.slice(d.range.start, d.range.end);

describe('query binder', () => {
  it('accepts catalogue columns and reports unknown ones with a did-you-mean', () => {
    const text = 'AuditLogs | where Opertion == "x"';
    const d = only(text);
    assert.equal(d.code, 'unknown-column');
    assert.equal(at(text, d), 'Opertion');
    assert.deepEqual(d.suggestions, ['Operation']);
    assert.match(d.message, /Did you mean 'Operation'/);
  });

  it('suggests the right case first', () => {
    const d = only('AuditLogs | project userid');
    assert.equal(d.suggestions![0], 'UserId');
  });

  it('reports unknown tables, functions and operators with suggestions', () => {
    const t = only('AuditLog | count');
    assert.equal(t.code, 'unknown-table');
    assert.deepEqual(t.suggestions, ['AuditLogs']);
    const f = only('AuditLogs | extend n = strln(UserId)');
    assert.equal(f.code, 'unknown-function');
    assert.deepEqual(f.suggestions, ['strlen']);
    const o = only('AuditLogs | summarise count()');
    assert.equal(o.code, 'unknown-operator');
    assert.ok(o.suggestions!.includes('summarize'));
  });

  it('lets the schema flow: project/extend/summarize/project-away/project-rename change the columns', () => {
    assert.equal(only('AuditLogs | project UserId | where Operation == "x"').code, 'unknown-column');
    assert.equal(only('AuditLogs | summarize n = count() by UserId | where Time > ago(1d)').code, 'unknown-column');
    assert.equal(only('AuditLogs | project-away UserId | project UserId').code, 'unknown-column');
    assert.equal(only('AuditLogs | project-rename Who = UserId | project UserId').code, 'unknown-column');
    assert.deepEqual(diagnostics(accepted('AuditLogs | extend n = 1 | summarize c = count() by n | project c, n | project-rename m = n | where m > 0')), []);
    assert.deepEqual(diagnostics(accepted('AuditLogs | join kind=inner (SignIns | project UserPrincipalName, City) on $left.UserId == $right.UserPrincipalName | project City, UserId')), []);
    assert.deepEqual(diagnostics(accepted('AuditLogs | mv-expand f = Folders | extend p = tostring(f.Path) | project p')), []);
    const a = analyze(accepted('AuditLogs | summarize n = count(), lastSeen = max(Time) by UserId, bin(Time, 1h)'));
    assert.deepEqual(a.binding.blocks[0]!.resultSchema!.columns.map((c) => `${c.name}:${c.type}`), ['UserId:string', 'Time:datetime', 'n:long', 'lastSeen:datetime']);
  });

  it('checks types', () => {
    const cases: Array<[string, string]> = [
      ['AuditLogs | where UserId == 1', 'UserId == 1'],
      ['AuditLogs | where strlen(UserId)', 'strlen(UserId)'],
      ['AuditLogs | extend x = UserId + "a"', 'UserId + "a"'],
      ['AuditLogs | extend x = UserId.Name', 'UserId'],
      ['AuditLogs | where Time > 5', 'Time > 5'],
      ['AuditLogs | where UserId > "a"', 'UserId > "a"'],
      ['AuditLogs | extend d = startofday(UserId)', 'UserId'],
      ['AuditLogs | take "ten"', '"ten"'],
      ['AuditLogs | mv-expand UserId', 'UserId'],
      ['AuditLogs | summarize count() by Parameters.AccessRights', 'Parameters.AccessRights'],
      ['AuditLogs | order by Folders', 'Folders'],
      ['AuditLogs | distinct Parameters', 'Parameters'],
    ];
    for (const [text, where] of cases) {
      const d = only(text);
      assert.equal(d.code, 'wrong-type', text);
      assert.equal(at(text, d), where, text);
    }
  });

  it('knows the types of expressions', () => {
    const text = accepted('AuditLogs | extend a = Time - ago(1h), b = 7 / 2, c = 7 / 2.0, d = Time + 1d, e = 1h * 2, f = Parameters.AccessRights, g = tostring(Parameters.AccessRights), h = iff(true, 1, 2.5)');
    const cols = analyze(text).binding.blocks[0]!.resultSchema!.columns.slice(-8).map((c) => `${c.name}:${c.type}`);
    assert.deepEqual(cols, ['a:timespan', 'b:long', 'c:real', 'd:datetime', 'e:timespan', 'f:dynamic', 'g:string', 'h:real']);
    // Columns made by the same extend are not visible to its later items (as in Kusto).
    assert.equal(only('AuditLogs | extend f = 1, g = f + 1').code, 'unknown-column');
    assert.equal(only('AuditLogs | summarize count() by UserId, UserId').code, 'duplicate-column');
  });

  it('requires aggregates in summarize and only there', () => {
    const a = only('AuditLogs | extend n = count()');
    assert.equal(a.code, 'aggregate-outside-summarize');
    const b = only('AuditLogs | summarize UserId');
    assert.equal(b.code, 'expected-aggregate');
    const c = only('AuditLogs | summarize n = count() + UserId');
    assert.equal(c.code, 'expected-aggregate');
    assert.deepEqual(diagnostics(accepted('AuditLogs | summarize n = count() * 2, m = max(Time) - min(Time) by UserId')), []);
  });

  it('checks arguments: count, types, constant regexes', () => {
    assert.equal(only('AuditLogs | extend x = substring(UserId)').code, 'wrong-arg-count');
    assert.equal(only('AuditLogs | where UserId matches regex "a("').code, 'bad-regex');
    assert.equal(only('AuditLogs | extend x = extract("[", 1, UserId)').code, 'bad-regex');
    assert.equal(only('AuditLogs | where ipv4_is_in_range(ClientIp, "10.0.0.0/40")').code, 'bad-argument');
  });

  it('binds let names in order, scalar and tabular, and records references', () => {
    const text = accepted('let n = 5;\nlet T = AuditLogs | where OperationCount > n;\nT | where OperationCount < n * 2');
    const a = analyze(text);
    assert.deepEqual(a.diagnostics, []);
    const [n, t] = a.binding.blocks[0]!.lets;
    assert.equal(n!.kind, 'scalar');
    assert.equal(n!.type, 'long');
    assert.equal(t!.kind, 'tabular');
    assert.deepEqual(n!.references.map((r) => text.slice(r.start, r.end)), ['n', 'n']);
    assert.equal(t!.references.length, 1);
    assert.equal(only('let a = b;\nAuditLogs | count').code, 'unknown-name');
  });

  it('checks datatable declarations and values', () => {
    assert.deepEqual(diagnostics(accepted('datatable(a:string, b:long, c:dynamic, d:datetime)["x", 1, dynamic({"k": 1}), datetime(2024-01-01)]')), []);
    assert.equal(only('datatable(a:string, b:long)["x", "y"]').code, 'wrong-type');
    assert.equal(only('datatable(a:string, b:long)["x"]').code, 'bad-literal');
    assert.equal(only('datatable(a:strng)["x"]').code, 'wrong-type');
  });

  it('does not cascade errors after a broken source or operator', () => {
    assert.equal(diagnostics('Nope | where a == 1 | project b, c | summarize count() by d').filter((d) => d.severity === 'error').length, 1);
    assert.equal(diagnostics('AuditLogs | frob | where a == 1').filter((d) => d.severity === 'error').length, 1);
  });

  it('warns when render is not last and about unknown chart kinds', () => {
    assert.equal(only('AuditLogs | render timechart | take 1').code, 'render-not-last');
    const w = diagnostics('AuditLogs | render timechrt');
    assert.equal(w[0]!.severity, 'warning');
    assert.deepEqual(w[0]!.suggestions, ['timechart']);
  });

  it('learns more tables from an extended schema', () => {
    const schema = extendSchema(catalogueSchema(), [{ name: 'Findings', columns: [{ name: 'Rule', type: 'string' }, { name: 'Score', type: 'real' }] }]);
    assert.deepEqual([...analyze(accepted('Findings | where Score > 0.5 | summarize count() by Rule'), schema).diagnostics], []);
    assert.equal(analyze('Findings | count').diagnostics[0]!.code, 'unknown-table');
  });
});
