import type { World } from '../world';
import { adminFoothold } from './adminTakeover';
import { auditTampering } from './auditTampering';
import { bulkExport } from './bulkExport';
import { consentApp } from './consentApp';
import { contractorDelegation } from './contractorDelegation';
import { ediscoveryExport } from './ediscovery';
import { createAttackEnv } from './env';
import { suspiciousInboxRule } from './inboxRule';
import { rbacApp } from './rbacApp';
import { stolenCredentials } from './stolenCredentials';

/** Injects every attack scenario into the log, in story order. */
export function runAttacks(w: World): void {
  const a = createAttackEnv(w);
  const { sessionId } = stolenCredentials(a);
  suspiciousInboxRule(a, sessionId);
  const admin = adminFoothold(a);
  admin.signIn(a.at(1, 0.65), 'azurePortal');
  const contractor = contractorDelegation(a, admin);
  const attackerApp = consentApp(a, admin);
  rbacApp(a, admin);
  ediscoveryExport(a, admin);
  bulkExport(a, attackerApp);
  auditTampering(a, admin, contractor);
}
