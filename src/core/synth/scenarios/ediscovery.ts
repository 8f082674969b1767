import type { AttackEnv } from './env';
import type { AdminFoothold } from './adminTakeover';

const ID = 'ediscovery-export';

/** Procedure C: a compliance search over every mailbox, exported and downloaded (no MailItemsAccessed results). */
export function ediscoveryExport(a: AttackEnv, admin: AdminFoothold): void {
  const { w, prng } = a;
  const actor = { upn: a.admin.user.userPrincipalName, puid: a.admin.puid };
  const name = 'Q3 vendor review';
  const query = 'password OR credentials OR "wire transfer" OR "bank details"';
  const caseId = prng.guid();
  const t = a.at(2, 23.15);
  const sessionId = admin.signIn(t - 4 * 60_000, 'compliancePortal');
  const ip = admin.ip;
  const params = `-Name "${name}" -ExchangeLocation "All" -ContentMatchQuery '${query}'`;
  const scenario = { scenario: ID };
  w.log.complianceCmdlet({
    time: t, operation: 'New-ComplianceSearch', actor, clientIp: ip, objectId: name, sessionId,
    parameters: [['Name', name], ['ExchangeLocation', 'All'], ['ContentMatchQuery', query]],
  }, scenario);
  const disc = { actor, clientIp: ip, searchName: name, caseId, query, exchangeLocations: ['All'] };
  w.log.discovery({ ...disc, time: t + 2_000, operation: 'SearchCreated', parameters: params }, scenario);
  w.log.complianceCmdlet({ time: t + 60_000, operation: 'Start-ComplianceSearch', actor, clientIp: ip, objectId: name, sessionId, parameters: [['Identity', name]] }, scenario);
  w.log.discovery({ ...disc, time: t + 62_000, operation: 'SearchStarted', parameters: `-Identity "${name}"` }, scenario);
  const ex = a.at(2, 23.7);
  w.log.complianceCmdlet({
    time: ex, operation: 'New-ComplianceSearchAction', actor, clientIp: ip, objectId: `${name}_Export`, sessionId,
    parameters: [['SearchName', name], ['Export', ''], ['Format', 'FxStream'], ['ExchangeArchiveFormat', 'PerUserPst']],
  }, scenario);
  w.log.discovery({ ...disc, time: ex + 3_000, operation: 'SearchExported', parameters: `-SearchName "${name}" -Export -Format FxStream` }, scenario);
  w.log.discovery({ ...disc, time: a.at(3, 0.35), operation: 'SearchExportDownloaded', parameters: `-SearchName "${name}"` }, scenario);
}
