/** Every detection rule, in the order they run. */
import type { Rule } from '../rule';
import { auditTampering } from './auditTampering';
import { delegationGranted } from './delegationGranted';
import { ediscoveryCollection } from './ediscoveryCollection';
import { entraAppMailAccess } from './entraAppMailAccess';
import { exchangeRbacAppAccess } from './exchangeRbacAppAccess';
import { mailAccessBurst } from './mailAccessBurst';
import { mailAccessThrottled } from './mailAccessThrottled';
import { mailboxExport } from './mailboxExport';
import { nonOwnerAccess } from './nonOwnerAccess';
import { signInContext } from './signInContext';
import { suspiciousInboxRule } from './suspiciousInboxRule';
import { unlistedAppAccess } from './unlistedAppAccess';

export const allRules: readonly Rule[] = [
  delegationGranted,
  entraAppMailAccess,
  exchangeRbacAppAccess,
  mailAccessBurst,
  nonOwnerAccess,
  unlistedAppAccess,
  mailAccessThrottled,
  ediscoveryCollection,
  auditTampering,
  mailboxExport,
  signInContext,
  suspiciousInboxRule,
];
