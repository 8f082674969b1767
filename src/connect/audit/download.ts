/**
 * Downloads the unified audit log through Graph audit log queries, with adaptive
 * time slicing (a slice whose count exceeds the cap is halved), resume from a
 * state file after any interruption, and a check that every slice yielded as many
 * records as the service reported; plus sign-ins and directory audits. Files are
 * JSON lines the loader reads, described by manifest.json.
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { GraphConnection } from '../graph/graphClient';
import { ConnectError, throwIfAborted } from '../http/errors';
import { realSleep, type Sleeper } from '../http/retry';
import { appendRecords, resetTo } from './jsonlFile';
import { readState, sameRequest, writeState, STATE_FILE, type DownloadRequest, type SliceState, type StreamState } from './state';

export const MANIFEST_FILE = 'manifest.json';

export interface AuditDownloadOptions {
  readonly outDir: string;
  /** Window start and end (ISO-8601 or epoch ms); end is exclusive. */
  readonly start: string | number;
  readonly end: string | number;
  readonly operations?: readonly string[];
  /** auditLogRecordType values (exchangeAdmin, exchangeItem, azureActiveDirectory, ...). */
  readonly recordTypes?: readonly string[];
  /** Download Entra sign-ins of the window too (default true). */
  readonly signIns?: boolean;
  /** Download Entra directory audits of the window too (default true). */
  readonly directoryAudits?: boolean;
  /** A slice reporting more records than this is halved (default 50,000). */
  readonly sliceCap?: number;
  /** Width of the first slices (default one day). */
  readonly initialSliceMs?: number;
  /** Slices are never made narrower than this (default one minute); a fuller one is an error. */
  readonly minSliceMs?: number;
  /** Records per page asked for (default 1000). */
  readonly pageSize?: number;
  /** Between polls of a running query (default 10 s). */
  readonly pollIntervalMs?: number;
  /** Polls before a query counts as stuck (default 360). */
  readonly maxPolls?: number;
  readonly sleep?: Sleeper;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: DownloadProgress) => void;
  /** Graph version of the audit log query API (default v1.0). */
  readonly version?: 'v1.0' | 'beta';
}

export interface DownloadProgress {
  readonly phase: 'query' | 'poll' | 'page' | 'split' | 'entra' | 'manifest';
  readonly message: string;
  /** Records fetched so far, all slices. */
  readonly fetched: number;
  readonly slicesDone: number;
  readonly slices: number;
}

export interface ManifestFile {
  readonly name: string;
  readonly table: 'AuditLogs' | 'SignIns' | 'DirectoryAudits';
  readonly records: number;
  readonly bytes: number;
  readonly sha256: string;
}

export interface DownloadManifest {
  readonly tool: 'exo-audit';
  readonly kind: 'audit-download';
  readonly createdAt: string;
  readonly query: { readonly api: string; readonly operationFilters: readonly string[]; readonly recordTypeFilters: readonly string[]; readonly sliceCap: number };
  readonly window: { readonly start: string; readonly end: string };
  readonly slices: ReadonlyArray<{ start: string; end: string; queryId: string; reportedCount: number; countBasis: string; fetched: number; file: string }>;
  readonly files: readonly ManifestFile[];
  readonly totals: { readonly AuditLogs: number; readonly SignIns: number; readonly DirectoryAudits: number };
}

/** The records fetched for a slice differ from the number the service reported. */
export class CountMismatchError extends ConnectError {
  constructor(readonly slice: { start: string; end: string; queryId?: string }, readonly reported: number, readonly fetched: number, readonly basis: string) {
    super(`audit slice ${slice.start} .. ${slice.end} (query ${slice.queryId ?? '?'}): fetched ${fetched} records but the service reported ${reported} (${basis}); the slice will be downloaded again on the next run`);
    this.name = 'CountMismatchError';
  }
}

interface Page<T> { value?: T[]; '@odata.nextLink'?: string; '@odata.count'?: number }
interface QueryView { id: string; status: string; approximateReturnedRecordCount?: number }

const DAY = 86_400_000;

async function sha256Of(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

function toIso(t: string | number): string {
  const ms = typeof t === 'number' ? t : Date.parse(t);
  if (!Number.isFinite(ms)) throw new ConnectError(`not a time: ${String(t)}`);
  return new Date(ms).toISOString();
}

const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

function newSlice(start: number, end: number): SliceState {
  const s = new Date(start).toISOString();
  const e = new Date(end).toISOString();
  return { start: s, end: e, status: 'pending', fetched: 0, bytes: 0, file: `audit-${compact(s)}-${compact(e)}.jsonl` };
}

function planSlices(start: number, end: number, width: number): SliceState[] {
  const out: SliceState[] = [];
  for (let t = start; t < end; t += width) out.push(newSlice(t, Math.min(end, t + width)));
  return out;
}

/** Downloads (or resumes downloading) the window into outDir; resolves with the manifest written there. */
export async function downloadAuditLog(graph: GraphConnection, options: AuditDownloadOptions): Promise<DownloadManifest> {
  const dir = options.outDir;
  mkdirSync(dir, { recursive: true });
  const sleep = options.sleep ?? realSleep;
  const { signal } = options;
  const version = options.version ?? 'v1.0';
  const cap = options.sliceCap ?? 50_000;
  const minSlice = options.minSliceMs ?? 60_000;
  const pageSize = options.pageSize ?? 1000;
  const request: DownloadRequest = {
    start: toIso(options.start), end: toIso(options.end),
    operations: [...options.operations ?? []], recordTypes: [...options.recordTypes ?? []],
    signIns: options.signIns ?? true, directoryAudits: options.directoryAudits ?? true,
  };
  if (Date.parse(request.end) <= Date.parse(request.start)) throw new ConnectError(`the window ends (${request.end}) before it starts (${request.start})`);
  let state = await readState(dir);
  if (state && !sameRequest(state.request, request)) {
    throw new ConnectError(`${dir} holds a different download (${state.request.start} .. ${state.request.end}); use another folder or delete ${STATE_FILE}`);
  }
  if (!state) {
    state = {
      version: 1, request, slices: planSlices(Date.parse(request.start), Date.parse(request.end), options.initialSliceMs ?? DAY),
      ...(request.signIns ? { signIns: { status: 'pending', fetched: 0, bytes: 0, file: 'signIns.jsonl' } as StreamState } : {}),
      ...(request.directoryAudits ? { directoryAudits: { status: 'pending', fetched: 0, bytes: 0, file: 'directoryAudits.jsonl' } as StreamState } : {}),
    };
    await writeState(dir, state);
  }
  const st = state;
  const save = () => writeState(dir, st);
  const progress = (phase: DownloadProgress['phase'], message: string) => options.onProgress?.({
    phase, message, fetched: st.slices.reduce((a, s) => a + s.fetched, 0), slicesDone: st.slices.filter((s) => s.status === 'done').length, slices: st.slices.length,
  });
  const label = (s: SliceState) => `${s.start} .. ${s.end}`;

  for (let i = 0; i < st.slices.length; i++) {
    let s = st.slices[i]!;
    while (s.status !== 'done') {
      throwIfAborted(signal, 'audit download');
      if (s.status === 'pending') {
        const q = await graph.post<QueryView>('security/auditLog/queries', {
          displayName: `exo-audit ${label(s)}`, filterStartDateTime: s.start, filterEndDateTime: s.end,
          ...(request.operations.length ? { operationFilters: request.operations } : {}),
          ...(request.recordTypes.length ? { recordTypeFilters: request.recordTypes } : {}),
        }, signal, version);
        Object.assign(s, { status: 'querying', queryId: q.id, fetched: 0, bytes: 0, nextLink: undefined });
        await save();
        progress('query', `query ${q.id} for ${label(s)}`);
        continue;
      }
      const file = path.join(dir, s.file);
      if (s.status === 'querying') {
        let view = await graph.get<QueryView>(`security/auditLog/queries/${s.queryId}`, signal, version);
        for (let polls = 1; view.status !== 'succeeded'; polls++) {
          if (view.status === 'failed' || view.status === 'cancelled') throw new ConnectError(`audit query ${s.queryId} for ${label(s)} ${view.status}`);
          if (polls >= (options.maxPolls ?? 360)) throw new ConnectError(`audit query ${s.queryId} for ${label(s)} still ${view.status} after ${polls} polls`);
          progress('poll', `query ${s.queryId} ${view.status}`);
          await sleep(options.pollIntervalMs ?? 10_000, signal);
          view = await graph.get<QueryView>(`security/auditLog/queries/${s.queryId}`, signal, version);
        }
        const first = await graph.get<Page<unknown>>(`security/auditLog/queries/${s.queryId}/records?$top=${pageSize}&$count=true`, signal, version);
        const exact = typeof first['@odata.count'] === 'number';
        const reported = exact ? first['@odata.count']! : view.approximateReturnedRecordCount;
        if (reported === undefined) throw new ConnectError(`audit query ${s.queryId} for ${label(s)}: the service reported no record count to check against`);
        const width = Date.parse(s.end) - Date.parse(s.start);
        if (reported > cap) {
          if (width / 2 < minSlice) throw new ConnectError(`audit slice ${label(s)} holds ${reported} records, more than the cap of ${cap}, and is already the narrowest allowed (${minSlice} ms)`);
          const mid = Date.parse(s.start) + Math.floor(width / 2);
          st.slices.splice(i, 1, newSlice(Date.parse(s.start), mid), newSlice(mid, Date.parse(s.end)));
          await save();
          progress('split', `${label(s)} reported ${reported} > ${cap}: halved`);
          s = st.slices[i]!;
          continue;
        }
        await resetTo(file, 0);
        const records = first.value ?? [];
        const bytes = await appendRecords(file, records);
        Object.assign(s, { status: 'downloading', reportedCount: reported, countBasis: exact ? 'odataCount' : 'approximateReturnedRecordCount', fetched: records.length, bytes, nextLink: first['@odata.nextLink'] });
        await save();
        progress('page', `${label(s)}: ${s.fetched} of ${reported}`);
        continue;
      }
      // downloading: drop anything past the last recorded page, then follow nextLink.
      await resetTo(file, s.bytes);
      if (s.nextLink) {
        const page = await graph.get<Page<unknown>>(s.nextLink, signal, version);
        const records = page.value ?? [];
        s.bytes += await appendRecords(file, records);
        s.fetched += records.length;
        s.nextLink = page['@odata.nextLink'];
        await save();
        progress('page', `${label(s)}: ${s.fetched} of ${s.reportedCount}`);
        continue;
      }
      if (s.fetched !== s.reportedCount) {
        const err = new CountMismatchError(s, s.reportedCount ?? 0, s.fetched, s.countBasis ?? 'reported count');
        Object.assign(s, { status: 'pending', fetched: 0, bytes: 0, nextLink: undefined, queryId: undefined, reportedCount: undefined });
        await resetTo(file, 0);
        await save();
        throw err;
      }
      s.status = 'done';
      await save();
    }
  }

  const entra = async (stream: StreamState | undefined, resource: 'signIns' | 'directoryAudits', property: string) => {
    if (!stream) return;
    const file = path.join(dir, stream.file);
    while (stream.status !== 'done') {
      throwIfAborted(signal, 'audit download');
      let url = stream.nextLink;
      if (stream.status === 'pending') {
        const filter = `${property} ge ${request.start} and ${property} lt ${request.end}`;
        url = `auditLogs/${resource}?$filter=${encodeURIComponent(filter)}&$top=${Math.min(pageSize, 1000)}`;
        stream.fetched = 0;
        stream.bytes = 0;
      }
      await resetTo(file, stream.bytes);
      const page = await graph.get<Page<unknown>>(url!, signal, 'v1.0');
      const records = page.value ?? [];
      stream.bytes += await appendRecords(file, records);
      stream.fetched += records.length;
      stream.nextLink = page['@odata.nextLink'];
      stream.status = stream.nextLink ? 'downloading' : 'done';
      await save();
      progress('entra', `${resource}: ${stream.fetched}`);
    }
  };
  await entra(st.signIns, 'signIns', 'createdDateTime');
  await entra(st.directoryAudits, 'directoryAudits', 'activityDateTime');

  progress('manifest', 'hashing files');
  const files: ManifestFile[] = [];
  const describe = async (name: string, table: ManifestFile['table'], records: number) => {
    const p = path.join(dir, name);
    // A slice with no records still has its (empty) file.
    await fsp.appendFile(p, '');
    files.push({ name, table, records, bytes: (await fsp.stat(p)).size, sha256: await sha256Of(p) });
  };
  for (const s of st.slices) await describe(s.file, 'AuditLogs', s.fetched);
  if (st.signIns) await describe(st.signIns.file, 'SignIns', st.signIns.fetched);
  if (st.directoryAudits) await describe(st.directoryAudits.file, 'DirectoryAudits', st.directoryAudits.fetched);
  const manifest: DownloadManifest = {
    tool: 'exo-audit', kind: 'audit-download', createdAt: new Date().toISOString(),
    query: { api: `${version}/security/auditLog/queries`, operationFilters: request.operations, recordTypeFilters: request.recordTypes, sliceCap: cap },
    window: { start: request.start, end: request.end },
    slices: st.slices.map((s) => ({ start: s.start, end: s.end, queryId: s.queryId ?? '', reportedCount: s.reportedCount ?? 0, countBasis: s.countBasis ?? '', fetched: s.fetched, file: s.file })),
    files,
    totals: {
      AuditLogs: st.slices.reduce((a, s) => a + s.fetched, 0), SignIns: st.signIns?.fetched ?? 0, DirectoryAudits: st.directoryAudits?.fetched ?? 0,
    },
  };
  await fsp.writeFile(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
