/** The ledger of a load: every record read is loaded, a counted duplicate, or a reported rejection. */
import type { TableName } from '../schema/types';
import type { TextEncoding } from './decode';

export interface Rejection {
  readonly file: string;
  /** 1-based line where the rejected record starts. */
  readonly line: number;
  readonly offset: number;
  readonly reason: string;
}

export type Warning = Rejection;

export interface FileLedger {
  readonly file: string;
  /** What the content was sniffed as: json-lines, json-document, csv:purview, csv:officeActivity, ... or empty. */
  format: string;
  encoding: TextEncoding | '';
  gzip: boolean;
  /** Size of the file in bytes and its SHA-256 (hex), when the caller supplied them. */
  bytes: number | null;
  sha256: string | null;
  read: number;
  loaded: number;
  duplicates: number;
  rejected: number;
  loadedByTable: Record<TableName, number>;
  /** The first rejections in detail (all are counted in `rejected`). */
  rejections: Rejection[];
  warnings: Warning[];
  warningCount: number;
}

export interface LoadLedger {
  read: number;
  loaded: number;
  duplicates: number;
  rejected: number;
  files: FileLedger[];
}

export function emptyFileLedger(file: string): FileLedger {
  return {
    file, format: '', encoding: '', gzip: false, bytes: null, sha256: null,
    read: 0, loaded: 0, duplicates: 0, rejected: 0,
    loadedByTable: { AuditLogs: 0, SignIns: 0, DirectoryAudits: 0 },
    rejections: [], warnings: [], warningCount: 0,
  };
}

export function totalLedger(files: FileLedger[]): LoadLedger {
  const sum = (k: 'read' | 'loaded' | 'duplicates' | 'rejected'): number => files.reduce((a, f) => a + f[k], 0);
  return { read: sum('read'), loaded: sum('loaded'), duplicates: sum('duplicates'), rejected: sum('rejected'), files };
}

/** True when the ledger adds up: read = loaded + duplicates + rejected, per file and in total. */
export function ledgerBalances(l: LoadLedger): boolean {
  return l.read === l.loaded + l.duplicates + l.rejected
    && l.files.every((f) => f.read === f.loaded + f.duplicates + f.rejected);
}
