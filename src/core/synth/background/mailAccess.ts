import { APP_ONLY_CLIENT_INFO, CLIENTS, type ClientKey } from '../data/clients';
import { hashFloat, mix3, mixInts } from '../random/hash';
import { Prng } from '../random/prng';
import type { Row } from '../records/context';
import { mailItemsAccessedRecord } from '../records/mailItems';
import { HOUR, isBusinessHour, localTime, type LocalTime } from '../time/calendar';
import type { Person } from '../tenant/types';
import { mailboxSid, serverFor, type World } from '../world';
import { accessedFolders, folderIdsOf } from './mailContent';
import type { AccessStream } from './streams';
import { isMobileClient, localDay, personSessionId } from './sessions';

interface StreamConstants {
  readonly folderIds: readonly string[];
  readonly sid: string;
  readonly server: string;
  readonly ownerKey: string;
}

/** A dense MailItemsAccessed record ready to emit. */
export interface DenseRecord {
  readonly time: number;
  readonly id: string;
  readonly record: Row;
}

/** A record decided (stream and second) but not built: records are built as they are emitted, so they die young. */
export interface PendingRecord {
  readonly time: number;
  readonly seq: number;
  readonly stream: AccessStream;
}

/** The decided records of one hour and the generator their contents are drawn from, in order. */
export interface DenseHour {
  readonly pending: PendingRecord[];
  readonly prng: Prng;
}

/**
 * The benign MailItemsAccessed volume. Every (stream, hour) slot has a weight
 * (rate x hourly profile x per-slot noise x active share of the hour); a
 * systematic sample turns the weights into exactly `total` records, so a
 * record budget is met exactly and the same slots always get the same counts.
 * Slot noise comes from a hash of (seed, stream, hour), never from generator
 * state, so the counting pass and the emitting pass agree.
 */
export class MailAccessPlan {
  readonly firstHour: number;
  readonly hours: number;
  readonly totalWeight: number;
  private readonly offset: number;
  private readonly seedKey: number;
  private readonly expected: number;

  constructor(private readonly w: World, private readonly streams: readonly AccessStream[], total: number | undefined) {
    this.seedKey = w.prng.key;
    this.firstHour = Math.floor(w.setupEnd / HOUR) * HOUR;
    this.hours = Math.max(0, Math.ceil((w.opts.end - this.firstHour) / HOUR));
    let sum = 0;
    for (let h = 0; h < this.hours; h++) for (const s of streams) sum += this.weight(s, h);
    this.totalWeight = sum;
    this.expected = total ?? Math.round(sum * w.opts.mailVolume);
    this.offset = hashFloat(this.seedKey, 0x0ff5e7);
  }

  /** How many records the plan emits in all. */
  get total(): number {
    return this.totalWeight > 0 ? this.expected : 0;
  }

  private activeShare(s: AccessStream, h0: number, h1: number): number {
    let covered = 0;
    for (const [a, b] of s.intervals) {
      if (b <= h0) continue;
      if (a >= h1) break;
      covered += Math.min(b, h1) - Math.max(a, h0);
    }
    return covered / HOUR;
  }

  private weight(s: AccessStream, hourIndex: number): number {
    const h0 = this.firstHour + hourIndex * HOUR;
    const share = this.activeShare(s, h0, h0 + HOUR);
    if (share === 0) return 0;
    const lt = localTime(h0, this.w.tz);
    const p = s.profile[lt.weekday * 24 + lt.hour]!;
    if (p === 0) return 0;
    return s.perDay * p * share * (0.3 + 1.4 * (mix3(this.seedKey, s.key, hourIndex) / 4294967296));
  }

  /** The decided records of every hour, in time order within each hour; build each with `build`. */
  *hoursOfRecords(): Generator<DenseHour> {
    const W = this.totalWeight;
    const M = this.total;
    let cum = 0;
    let emitted = 0;
    for (let h = 0; h < this.hours; h++) {
      const prng = new Prng(mixInts(this.seedKey, 0xde75e, h));
      const out: PendingRecord[] = [];
      const h0 = this.firstHour + h * HOUR;
      for (const s of this.streams) {
        const wgt = this.weight(s, h);
        if (wgt === 0) continue;
        cum += wgt;
        const target = W > 0 ? Math.min(M, Math.floor((cum / W) * M + this.offset)) : 0;
        const n = target - emitted;
        emitted = target;
        for (let i = 0; i < n; i++) out.push({ time: this.timeIn(s, h0, prng), seq: out.length, stream: s });
      }
      if (h === this.hours - 1 && emitted < M) {
        // Floating-point shortfall on the very last slot: complete the budget in the last active stream.
        const s = [...this.streams].reverse().find((x) => this.weight(x, h) > 0) ?? this.streams[this.streams.length - 1];
        for (; s && emitted < M; emitted++) out.push({ time: this.timeIn(s, h0, prng), seq: out.length, stream: s });
      }
      out.sort((a, b) => a.time - b.time || a.seq - b.seq);
      yield { pending: out, prng: new Prng(mixInts(this.seedKey, 0xb0d1e5, h)) };
    }
  }

  private timeIn(s: AccessStream, h0: number, prng: Prng): number {
    const h1 = h0 + HOUR;
    for (let tries = 0; tries < 8; tries++) {
      const t = h0 + prng.int(3600) * 1000;
      for (const [a, b] of s.intervals) if (t >= a && t < b && t < h1) return t;
    }
    for (const [a, b] of s.intervals) if (b > h0 && a < h1) return Math.ceil(Math.max(a, h0) / 1000) * 1000;
    return h0;
  }

  private readonly sessions = new Map<number, string>();
  private readonly constants: (StreamConstants | undefined)[] = [];

  private constantsOf(s: AccessStream): StreamConstants {
    let c = this.constants[s.key];
    if (!c) {
      const mb = s.mailbox;
      const owner = this.w.personByUpn.get(mb.userPrincipalName.toLowerCase());
      c = {
        folderIds: folderIdsOf(mb.guid),
        sid: mailboxSid(this.w, mb.userPrincipalName, mb.guid),
        server: serverFor(this.w, mb.guid.charCodeAt(0) + mb.guid.charCodeAt(1)),
        ownerKey: owner?.puid ?? mb.guid,
      };
      this.constants[s.key] = c;
    }
    return c;
  }

  private sessionId(p: Person, day: number, mobile: boolean): string {
    const key = (p.index * 1_000_000 + day) * 2 + (mobile ? 1 : 0);
    let id = this.sessions.get(key);
    if (id === undefined) {
      if (this.sessions.size > 100_000) this.sessions.clear();
      id = personSessionId(this.seedKey, p, day, mobile);
      this.sessions.set(key, id);
    }
    return id;
  }

  private clientFor(p: Person, lt: LocalTime, t: number, prng: Prng): ClientKey {
    const off = lt.weekday === 0 || lt.weekday === 6 || lt.hour < 8 || lt.hour >= 18;
    if (p.mobile && prng.chance(off ? 0.7 : 0.15)) return p.mobile === 'activesync' ? 'activeSync' : 'outlookMobile';
    return (p.index + localDay(t, this.w.tz)) % 5 < 3 ? 'desktop' : 'owa';
  }

  /** Builds a decided record; call in emission order with the hour's generator. */
  build(pending: PendingRecord, prng: Prng): DenseRecord {
    const s = pending.stream;
    const t = pending.time;
    const w = this.w;
    const mb = s.mailbox;
    const id = prng.guid();
    const k = this.constantsOf(s);
    const server = k.server;
    const r = s.reader;
    if (r.kind === 'app') {
      const accessType = r.plan.accessType;
      const sid = k.sid;
      const record = mailItemsAccessedRecord(w.ctx, {
        id, time: t, userId: mb.userPrincipalName, userKey: k.ownerKey, userType: 0, logonType: 0, logonUserSid: sid,
        mailboxUpn: mb.userPrincipalName, mailboxGuid: mb.guid, mailboxSid: sid, appId: r.plan.app.appId, clientAppId: r.plan.app.appId,
        clientIp: r.ip, clientInfo: r.plan.clientInfo || APP_ONLY_CLIENT_INFO, accessType, throttled: false,
        folders: accessedFolders(prng, k.folderIds, accessType, server, 4), server,
      });
      return { time: t, id, record };
    }
    const p = r.person;
    const lt = localTime(t, w.tz);
    const client = this.clientFor(p, lt, t, prng);
    const c = CLIENTS[client];
    const accessType = prng.chance(c.syncShare) ? 'Sync' : 'Bind';
    const owner = r.kind === 'owner';
    const mobile = isMobileClient(client);
    const record = mailItemsAccessedRecord(w.ctx, {
      id, time: t, userId: p.user.userPrincipalName, userKey: p.puid, userType: 0, logonType: owner ? 0 : 2, logonUserSid: p.sid,
      mailboxUpn: mb.userPrincipalName, mailboxGuid: mb.guid, mailboxSid: owner ? p.sid : k.sid,
      appId: c.mailAppId, clientAppId: '', clientInfo: c.clientInfo,
      clientIp: mobile ? p.mobileIp : isBusinessHour(lt.weekday, lt.hour) ? p.officeIp : p.homeIp,
      sessionId: this.sessionId(p, localDay(t, w.tz), mobile),
      ...(client === 'owa' || client === 'outlookMobile' ? { tokenId: prng.hex(22) } : {}),
      accessType, throttled: false, folders: accessedFolders(prng, k.folderIds, accessType, server, 2), server,
    });
    return { time: t, id, record };
  }
}
