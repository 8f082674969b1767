import { ualTime } from '../time/format';
import { EXCHANGE_SYSTEM, type RecordContext, type Row } from './context';

/** One Exchange admin cmdlet run, as the generator decides it. */
export interface CmdletSpec {
  readonly id: string;
  readonly time: number;
  readonly operation: string;
  /** Who ran it, or the Exchange system account. */
  readonly actor: { readonly upn: string; readonly puid: string } | 'system';
  /** 2 (Admin) for people running admin cmdlets, also for users changing their own inbox rules. */
  readonly userType?: number;
  /** "a.b.c.d:port", as Exchange admin records carry it. */
  readonly clientIp?: string;
  readonly objectId: string;
  /** Parameters in the order typed. */
  readonly parameters: readonly (readonly [string, string])[];
  readonly sessionId?: string;
  /** The client application: the EXO PowerShell module, the admin center, OWA. */
  readonly appId: string;
  readonly server: string;
  readonly tokenId?: string;
  readonly issuedAt?: number;
  readonly resultStatus?: string;
}

/** A RecordType 1 (ExchangeAdmin) AuditData object, fields in the order Exchange writes them. */
export function exchangeAdminRecord(ctx: RecordContext, s: CmdletSpec): Row {
  const system = s.actor === 'system';
  const userId = system ? EXCHANGE_SYSTEM : (s.actor as { upn: string }).upn;
  const r: Row = {
    AppAccessContext: system
      ? { UniqueTokenId: '' }
      : { ...(s.issuedAt !== undefined ? { IssuedAtTime: ualTime(s.issuedAt) } : {}), UniqueTokenId: s.tokenId ?? '' },
    CreationTime: ualTime(s.time),
    Id: s.id,
    Operation: s.operation,
    OrganizationId: ctx.tenantId,
    RecordType: 1,
    ResultStatus: s.resultStatus ?? 'True',
    UserKey: system ? EXCHANGE_SYSTEM : (s.actor as { puid: string }).puid,
    UserType: system ? 3 : (s.userType ?? 2),
    Version: 1,
    Workload: 'Exchange',
  };
  if (!system && s.clientIp) r.ClientIP = s.clientIp;
  r.ObjectId = s.objectId;
  r.UserId = userId;
  r.AppId = system ? '' : s.appId;
  r.ClientAppId = '';
  r.ExternalAccess = system;
  r.OrganizationName = ctx.initialDomain;
  r.OriginatingServer = s.server;
  r.Parameters = s.parameters.map(([Name, Value]) => ({ Name, Value }));
  if (!system && s.sessionId) r.SessionId = s.sessionId;
  return r;
}
