/** The resumable state of a download, kept beside its files and rewritten atomically after every page. */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

export const STATE_FILE = '.exo-audit-download.json';

export interface DownloadRequest {
  readonly start: string;
  readonly end: string;
  readonly operations: readonly string[];
  readonly recordTypes: readonly string[];
  readonly signIns: boolean;
  readonly directoryAudits: boolean;
}

export type SliceStatus = 'pending' | 'querying' | 'downloading' | 'done';

export interface SliceState {
  start: string;
  end: string;
  status: SliceStatus;
  queryId?: string;
  /** The number of records the service says the query holds. */
  reportedCount?: number;
  /** Where that number came from: the records collection's @odata.count, or the query's approximateReturnedRecordCount. */
  countBasis?: 'odataCount' | 'approximateReturnedRecordCount';
  nextLink?: string;
  fetched: number;
  /** Bytes of the slice's file that hold complete pages (a resume truncates to this). */
  bytes: number;
  file: string;
}

export interface StreamState {
  status: 'pending' | 'downloading' | 'done';
  nextLink?: string;
  fetched: number;
  bytes: number;
  file: string;
}

export interface DownloadState {
  readonly version: 1;
  readonly request: DownloadRequest;
  slices: SliceState[];
  signIns?: StreamState;
  directoryAudits?: StreamState;
}

export async function readState(dir: string): Promise<DownloadState | undefined> {
  let text: string;
  try {
    text = await fsp.readFile(path.join(dir, STATE_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const s = JSON.parse(text) as DownloadState;
  if (s.version !== 1 || !Array.isArray(s.slices)) throw new Error(`${path.join(dir, STATE_FILE)} is not a download state this version understands`);
  return s;
}

export async function writeState(dir: string, state: DownloadState): Promise<void> {
  const file = path.join(dir, STATE_FILE);
  const tmp = `${file}.tmp`;
  await fsp.writeFile(tmp, `${JSON.stringify(state, null, 1)}\n`);
  await fsp.rename(tmp, file);
}

export function sameRequest(a: DownloadRequest, b: DownloadRequest): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
