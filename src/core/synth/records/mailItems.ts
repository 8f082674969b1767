import { ualTime } from '../time/format';
import type { RecordContext, Row } from './context';

export interface FolderItem {
  readonly InternetMessageId: string;
  readonly SizeInBytes: number;
}

export interface FolderAccess {
  readonly id: string;
  readonly path: string;
  /** Bind records list the items; Sync records do not. */
  readonly items?: readonly FolderItem[];
}

/** One MailItemsAccessed record as decided by the generator. */
export interface MailAccessSpec {
  readonly id: string;
  readonly time: number;
  /** UserId: the person (or, for app-only access, the mailbox owner) the access is attributed to. */
  readonly userId: string;
  readonly userKey: string;
  /** 0 Regular; 5 Application. */
  readonly userType: number;
  readonly logonType: number;
  readonly logonUserSid: string;
  readonly mailboxUpn: string;
  readonly mailboxGuid: string;
  readonly mailboxSid: string;
  readonly appId: string;
  readonly clientAppId: string;
  readonly clientIp: string;
  readonly clientInfo: string;
  readonly sessionId?: string;
  /** When set, the record carries AppAccessContext (token-based clients: OWA, REST, Outlook mobile). */
  readonly tokenId?: string;
  readonly accessType: 'Bind' | 'Sync';
  readonly throttled: boolean;
  readonly folders: readonly FolderAccess[];
  readonly server: string;
}

/** A RecordType 50 (ExchangeItemAggregated) MailItemsAccessed AuditData object. */
export function mailItemsAccessedRecord(ctx: RecordContext, s: MailAccessSpec): Row {
  let count = 0;
  const folders = s.folders.map((f) => {
    if (f.items) {
      count += f.items.length;
      return { FolderItems: f.items, Id: f.id, Path: f.path };
    }
    count += 1;
    return { Id: f.id, Path: f.path };
  });
  const time = ualTime(s.time);
  const properties = [
    { Name: 'MailAccessType', Value: s.accessType },
    { Name: 'IsThrottled', Value: s.throttled ? 'True' : 'False' },
  ];
  const server = `${s.server}\r\n`;
  // Two literal shapes (with and without AppAccessContext) keep key order real and objects monomorphic.
  if (s.tokenId !== undefined) {
    return {
      AppAccessContext: s.sessionId
        ? { AADSessionId: s.sessionId, IssuedAtTime: ualTime(s.time - 600_000), UniqueTokenId: s.tokenId }
        : { UniqueTokenId: s.tokenId },
      CreationTime: time, Id: s.id, Operation: 'MailItemsAccessed', OrganizationId: ctx.tenantId, RecordType: 50, ResultStatus: 'Succeeded',
      UserKey: s.userKey, UserType: s.userType, Version: 1, Workload: 'Exchange', UserId: s.userId, AppId: s.appId, ClientAppId: s.clientAppId,
      ClientIPAddress: s.clientIp, ClientInfoString: s.clientInfo, ExternalAccess: false, InternalLogonType: 0, LogonType: s.logonType,
      LogonUserSid: s.logonUserSid, MailboxGuid: s.mailboxGuid, MailboxOwnerSid: s.mailboxSid, MailboxOwnerUPN: s.mailboxUpn,
      OperationProperties: properties, OrganizationName: ctx.initialDomain, OriginatingServer: server,
      ...(s.sessionId ? { SessionId: s.sessionId } : {}), Folders: folders, OperationCount: count,
    };
  }
  return {
    CreationTime: time, Id: s.id, Operation: 'MailItemsAccessed', OrganizationId: ctx.tenantId, RecordType: 50, ResultStatus: 'Succeeded',
    UserKey: s.userKey, UserType: s.userType, Version: 1, Workload: 'Exchange', UserId: s.userId, AppId: s.appId, ClientAppId: s.clientAppId,
    ClientIPAddress: s.clientIp, ClientInfoString: s.clientInfo, ExternalAccess: false, InternalLogonType: 0, LogonType: s.logonType,
    LogonUserSid: s.logonUserSid, MailboxGuid: s.mailboxGuid, MailboxOwnerSid: s.mailboxSid, MailboxOwnerUPN: s.mailboxUpn,
    OperationProperties: properties, OrganizationName: ctx.initialDomain, OriginatingServer: server,
    ...(s.sessionId ? { SessionId: s.sessionId } : {}), Folders: folders, OperationCount: count,
  };
}
