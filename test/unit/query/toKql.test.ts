/** KQL export for Microsoft Sentinel: tables and columns mapped through the catalogue. */
import * as assert from 'node:assert/strict';
import { toKql } from '../../../src/core/query';
import { accepted } from './acceptedQueries';
import { kustoSyntaxErrors } from './support/kustoParser';

function exported(query: string): string {
  const r = toKql(accepted(query));
  assert.ok(r.ok, r.diagnostics.map((d) => d.message).join('; '));
  assert.deepEqual(kustoSyntaxErrors(r.kql), [], r.kql);
  return r.kql;
}

describe('query KQL export', () => {
  it('maps tables and columns (AuditLogs -> OfficeActivity, Time -> TimeGenerated, ClientIp -> ClientIP)', () => {
    assert.equal(
      exported('AuditLogs | where Operation == "MailItemsAccessed" and Time > ago(1d) | project Time, UserId, ClientIp'),
      'OfficeActivity | where Operation == "MailItemsAccessed" and TimeGenerated > ago(1d) | project TimeGenerated, UserId, ClientIP',
    );
    assert.equal(exported('DirectoryAudits | where Operation has "Consent" | count'), 'AuditLogs | where OperationName has "Consent" | count');
  });

  it('keeps the names of outputs whose automatic name would change', () => {
    assert.equal(
      exported('AuditLogs | summarize n = count(), dcount(ClientIp) by UserId, bin(Time, 1h)'),
      'OfficeActivity | summarize n = count(), dcount_ClientIp = dcount(ClientIP) by UserId, Time = bin(TimeGenerated, 1h)',
    );
  });

  it('adds an extend for columns Sentinel computes differently', () => {
    assert.equal(
      exported('SignIns | where City == "Paris" | project UserPrincipalName, City'),
      'SigninLogs\n| extend City = tostring(LocationDetails.city) | where City == "Paris" | project UserPrincipalName, City',
    );
    assert.equal(
      exported('AuditLogs | join kind=inner SignIns on $left.UserId == $right.UserPrincipalName | project Country, ErrorCode'),
      'OfficeActivity | join kind=inner (SigninLogs | extend ErrorCode = toint(ResultType)) on $left.UserId == $right.UserPrincipalName | project Location, ErrorCode',
    );
  });

  it('rewrites `on Col` when the two sides map to different Sentinel names', () => {
    assert.equal(
      exported('AuditLogs | project Time, UserId | join kind=inner (datatable(Time:datetime, Note:string)[datetime(2024-01-01), "x"]) on Time'),
      'OfficeActivity | project TimeGenerated, UserId | join kind=inner (datatable(Time:datetime, Note:string)[datetime(2024-01-01), "x"]) on $left.TimeGenerated == $right.Time',
    );
  });

  it('leaves let names, literals and computed columns alone, and warns about columns Sentinel lacks', () => {
    const q = accepted('let since = ago(7d);\nAuditLogs | where Time > since | extend Port = ClientPort, Rights = tostring(Parameters.AccessRights) | project Port, Rights');
    const r = toKql(q);
    assert.equal(r.kql, 'let since = ago(7d);\nOfficeActivity | where TimeGenerated > since | extend Port = ClientPort, Rights = tostring(Parameters.AccessRights) | project Port, Rights');
    assert.deepEqual(kustoSyntaxErrors(r.kql), []);
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0]!.code, 'no-sentinel-column');
    assert.match(r.diagnostics[0]!.message, /ClientPort/);
  });

  it('refuses a query with errors', () => {
    const r = toKql('AuditLogs | where Nope == 1');
    assert.equal(r.ok, false);
    assert.equal(r.diagnostics[0]!.code, 'unknown-column');
  });
});
