import type { Prng } from '../random/prng';
import { hashString, mixInts } from '../random/hash';
import type { FolderAccess, FolderItem } from '../records/mailItems';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export const FOLDERS: readonly string[] = ['\\Inbox', '\\Inbox', '\\Inbox', '\\Sent Items', '\\Archive', '\\Drafts', '\\Inbox\\Projects', '\\Deleted Items'];
const FOLDER_WEIGHTS: readonly number[] = [1, 1, 1, 0.5, 0.4, 0.2, 0.3, 0.15];

const EXTERNAL_HOSTS: readonly string[] = ['mail.gmail.com', 'mx.google.com', 'eu-west-1.amazonses.com', 'mail.outlook.com', 'smtp.mailgun.org'];

/** A stable Exchange folder id for a mailbox and folder path (base64-looking, as in real records). */
export function folderId(mailboxGuid: string, path: string): string {
  let h = mixInts(hashString(mailboxGuid), hashString(path));
  let s = 'LgAAAA';
  for (let i = 0; i < 60; i++) {
    h = mixInts(h, i);
    s += B64[h & 63];
  }
  return `${s}AAAB`;
}

/** An Internet message id: mostly internal Exchange Online ids, some external senders. */
export function messageId(prng: Prng, server: string): string {
  if (prng.chance(0.3)) return `<${prng.hex(16)}.${prng.hex(8)}@${prng.pick(EXTERNAL_HOSTS)}>`;
  const s = server.slice(0, 13);
  return `<${s}${prng.hex(20).toUpperCase()}@${s}.namprd10.prod.outlook.com>`;
}

/** Message size in bytes: mostly a few KB, a tail of attachments. */
export function messageSize(prng: Prng): number {
  const r = prng.float();
  if (r < 0.7) return 2_000 + prng.int(30_000);
  if (r < 0.95) return 30_000 + prng.int(300_000);
  return 300_000 + prng.int(9_000_000);
}

function pickFolderIndex(prng: Prng): number {
  return prng.weightedIndex(FOLDER_WEIGHTS);
}

const folderIdCache = new Map<string, readonly string[]>();

/** The ids of a mailbox's folders, aligned with FOLDERS (cached per mailbox). */
export function folderIdsOf(mailboxGuid: string): readonly string[] {
  let ids = folderIdCache.get(mailboxGuid);
  if (ids === undefined) {
    if (folderIdCache.size > 50_000) folderIdCache.clear();
    ids = FOLDERS.map((p) => folderId(mailboxGuid, p));
    folderIdCache.set(mailboxGuid, ids);
  }
  return ids;
}

/** Folders of a Bind record (1-2 folders, 1 to maxItems items each) or a Sync record (one folder, no items). */
export function accessedFolders(prng: Prng, folderIds: readonly string[], accessType: 'Bind' | 'Sync', server: string, maxItems = 5): FolderAccess[] {
  if (accessType === 'Sync') {
    const i = pickFolderIndex(prng);
    return [{ id: folderIds[i]!, path: FOLDERS[i]! }];
  }
  const n = prng.chance(0.1) ? 2 : 1;
  const out: FolderAccess[] = [];
  let previous = '';
  for (let f = 0; f < n; f++) {
    const fi = pickFolderIndex(prng);
    const path = FOLDERS[fi]!;
    if (path === previous) continue;
    previous = path;
    const count = 1 + prng.int(maxItems);
    const items: FolderItem[] = [];
    for (let i = 0; i < count; i++) items.push({ InternetMessageId: messageId(prng, server), SizeInBytes: messageSize(prng) });
    out.push({ id: folderIds[fi]!, path, items });
  }
  return out;
}
