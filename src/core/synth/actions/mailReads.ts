import { accessedFolders, folderIdsOf } from '../background/mailContent';
import type { EmitOptions } from '../events';
import type { Prng } from '../random/prng';
import type { Mailbox } from '../../tenant/model';
import { mailboxSid, serverFor, type World } from '../world';

/** Who reads, through what: the fields MailItemsAccessed takes from the reader's side. */
export interface Reader {
  readonly userId: string;
  readonly userKey: string;
  readonly userType: number;
  /** 0 Owner, 2 Delegated. */
  readonly logonType: number;
  readonly logonUserSid: string;
  readonly appId: string;
  readonly clientAppId: string;
  readonly clientIp: string;
  readonly clientInfo: string;
  readonly sessionId?: string;
}

export interface ReadBurst {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  readonly syncShare: number;
  /** How many of the last records carry IsThrottled True. */
  readonly throttledLast?: number;
  /** Largest number of items per folder in a Bind record. */
  readonly maxItems?: number;
}

/** Emits `count` MailItemsAccessed records of one reader on one mailbox, spread over [from, to). */
export function emitReads(w: World, prng: Prng, mb: Mailbox, reader: Reader, burst: ReadBurst, o?: EmitOptions): string[] {
  const times: number[] = [];
  for (let i = 0; i < burst.count; i++) times.push(Math.floor((burst.from + prng.float() * (burst.to - burst.from)) / 1000) * 1000);
  times.sort((a, b) => a - b);
  const sid = mailboxSid(w, mb.userPrincipalName, mb.guid);
  const server = serverFor(w, mb.guid.charCodeAt(0));
  const tokenId = prng.hex(22);
  return times.map((time, i) => {
    const accessType = prng.chance(burst.syncShare) ? 'Sync' as const : 'Bind' as const;
    return w.log.mailAccess({
      time, userId: reader.userId, userKey: reader.userKey, userType: reader.userType, logonType: reader.logonType,
      logonUserSid: reader.logonUserSid, mailboxUpn: mb.userPrincipalName, mailboxGuid: mb.guid, mailboxSid: sid,
      appId: reader.appId, clientAppId: reader.clientAppId, clientIp: reader.clientIp, clientInfo: reader.clientInfo,
      ...(reader.sessionId ? { sessionId: reader.sessionId } : {}), tokenId,
      accessType, throttled: burst.throttledLast !== undefined && i >= times.length - burst.throttledLast,
      folders: accessedFolders(prng, folderIdsOf(mb.guid), accessType, server, burst.maxItems ?? 5), server,
    }, o);
  });
}
