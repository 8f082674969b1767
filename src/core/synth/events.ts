import type { TableName } from '../schema/types';
import type { ModelChange, TimedChange } from './model/changes';
import type { Prng } from './random/prng';
import type { RecordContext, Row } from './records/context';
import { exchangeAdminRecord, type CmdletSpec } from './records/exchangeAdmin';
import { directoryAuditRecord, directoryUalRecord, type DirectoryEventSpec } from './records/directory';
import { mailItemsAccessedRecord, type MailAccessSpec } from './records/mailItems';
import {
  servicePrincipalSignInRecord, signInRecord, userLoggedInRecord, type ServicePrincipalSignInSpec, type SignInSpec,
} from './records/signIn';
import { complianceCmdletRecord, discoveryRecord, type ComplianceCmdletSpec, type DiscoverySpec } from './records/discovery';

/** UAL and sign-in times have whole seconds only. */
function wholeSecond(t: number): number {
  return Math.floor(t / 1000) * 1000;
}

/** A record decided ahead of the streaming pass; built only when emitted. */
export interface SparseEvent {
  readonly time: number;
  readonly seq: number;
  readonly table: TableName;
  readonly id: string;
  readonly scenario?: string;
  readonly build: () => Row;
}

export interface EmitOptions {
  /** Scenario label id when the record belongs to an injected attack. */
  readonly scenario?: string;
  /** Model changes the record carries. */
  readonly changes?: readonly ModelChange[];
  /** A record Id drawn beforehand (when a change must name its own record). */
  readonly id?: string;
}

/**
 * Collects the sparse records (setup, background admin work, sign-ins,
 * scenarios) with the model changes they carry. Record Ids are drawn here, in
 * call order, from one generator, so the whole log is deterministic.
 */
export class EventLog {
  readonly events: SparseEvent[] = [];
  readonly changes: TimedChange[] = [];
  private seq = 0;

  constructor(readonly ctx: RecordContext, private ids: Prng) {}

  /**
   * Draws ids from another generator while `fn` runs: the attack phase uses
   * its own stream so benign records keep the same Ids with or without attacks.
   */
  withIds<T>(ids: Prng, fn: () => T): T {
    const saved = this.ids;
    this.ids = ids;
    try {
      return fn();
    } finally {
      this.ids = saved;
    }
  }

  newId(): string {
    return this.ids.guid();
  }

  /** A directoryAudits id as Entra spells them: Directory_<correlation>_<5 chars>_<9 digits>. */
  newDirectoryId(correlationId: string): string {
    const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    let s = '';
    for (let i = 0; i < 5; i++) s += alnum[this.ids.int(alnum.length)];
    return `Directory_${correlationId}_${s}_${this.ids.between(100000000, 999999999)}`;
  }

  private push(table: TableName, time: number, id: string, build: () => Row, scenario?: string): void {
    this.events.push({ time, seq: this.seq++, table, id, build, ...(scenario ? { scenario } : {}) });
  }

  private recordChanges(time: number, recordId: string, o: EmitOptions | undefined, directoryAuditId?: string): void {
    for (const change of o?.changes ?? []) {
      this.changes.push({
        time, recordId, table: 'AuditLogs', ...(directoryAuditId ? { directoryAuditId } : {}), ...(o?.scenario ? { scenario: o.scenario } : {}), change,
      });
    }
  }

  cmdlet(spec: Omit<CmdletSpec, 'id'>, o?: EmitOptions): string {
    const id = o?.id ?? this.newId();
    const full: CmdletSpec = { ...spec, id, time: wholeSecond(spec.time) };
    this.push('AuditLogs', full.time, id, () => exchangeAdminRecord(this.ctx, full), o?.scenario);
    this.recordChanges(full.time, id, o);
    return id;
  }

  directory(spec: Omit<DirectoryEventSpec, 'ualId' | 'directoryId' | 'fraction'>, o?: EmitOptions): { ualId: string; directoryId: string } {
    const ualId = o?.id ?? this.newId();
    const directoryId = this.newDirectoryId(spec.correlationId);
    // directoryAudits carry sub-second times; the UAL copy keeps the whole second.
    const time = wholeSecond(spec.time) + this.ids.int(1000);
    const full: DirectoryEventSpec = { ...spec, time, ualId, directoryId, fraction: this.ids.int(10000) };
    const ualTime = wholeSecond(spec.time);
    this.push('DirectoryAudits', time, directoryId, () => directoryAuditRecord(this.ctx, full), o?.scenario);
    this.push('AuditLogs', ualTime, ualId, () => directoryUalRecord(this.ctx, full), o?.scenario);
    this.recordChanges(ualTime, ualId, o, directoryId);
    return { ualId, directoryId };
  }

  signIn(spec: Omit<SignInSpec, 'id'>, o?: EmitOptions): string {
    const id = this.newId();
    const full: SignInSpec = { ...spec, id, time: wholeSecond(spec.time) };
    this.push('SignIns', full.time, id, () => signInRecord(this.ctx, full), o?.scenario);
    this.push('AuditLogs', full.time, id, () => userLoggedInRecord(this.ctx, full), o?.scenario);
    return id;
  }

  servicePrincipalSignIn(spec: Omit<ServicePrincipalSignInSpec, 'id'>, o?: EmitOptions): string {
    const id = this.newId();
    const full: ServicePrincipalSignInSpec = { ...spec, id, time: wholeSecond(spec.time) };
    this.push('SignIns', full.time, id, () => servicePrincipalSignInRecord(this.ctx, full), o?.scenario);
    return id;
  }

  mailAccess(spec: Omit<MailAccessSpec, 'id'>, o?: EmitOptions): string {
    const id = this.newId();
    const full: MailAccessSpec = { ...spec, id, time: wholeSecond(spec.time) };
    this.push('AuditLogs', full.time, id, () => mailItemsAccessedRecord(this.ctx, full), o?.scenario);
    return id;
  }

  discovery(spec: Omit<DiscoverySpec, 'id'>, o?: EmitOptions): string {
    const id = this.newId();
    const full: DiscoverySpec = { ...spec, id, time: wholeSecond(spec.time) };
    this.push('AuditLogs', full.time, id, () => discoveryRecord(this.ctx, full), o?.scenario);
    return id;
  }

  complianceCmdlet(spec: Omit<ComplianceCmdletSpec, 'id'>, o?: EmitOptions): string {
    const id = this.newId();
    const full: ComplianceCmdletSpec = { ...spec, id, time: wholeSecond(spec.time) };
    this.push('AuditLogs', full.time, id, () => complianceCmdletRecord(this.ctx, full), o?.scenario);
    return id;
  }

  /** Events sorted by time (insertion order within the same instant); changes likewise. */
  finish(): void {
    this.events.sort((a, b) => a.time - b.time || a.seq - b.seq);
    const order = new Map<string, number>();
    this.events.forEach((e, i) => { if (!order.has(e.id)) order.set(e.id, i); });
    this.changes.sort((a, b) => a.time - b.time || (order.get(a.recordId) ?? 0) - (order.get(b.recordId) ?? 0));
  }
}
