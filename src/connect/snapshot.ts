/**
 * The inventory saved as versioned JSON, for offline work and as evidence:
 * an envelope with the model (schemaVersion 1), validated on load with errors
 * that name the offending value, and never holding a secret (credentials keep
 * only keyId, type, dates and display name).
 */
import { promises as fsp } from 'node:fs';
import { parseTenantModel, TenantModelError } from '../core/tenant/modelValidation';
import type { AppCredential, TenantModel } from '../core/tenant';
import { redactSecrets } from './http/redact';

export const SNAPSHOT_FORMAT = 'exo-audit tenant snapshot';

export interface SnapshotEnvelope {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly savedAt: string;
  readonly savedBy: string;
  readonly model: TenantModel;
}

export interface LoadedSnapshot {
  /** The model, with source 'snapshot'. */
  readonly model: TenantModel;
  /** How the saved model had been obtained (live, replay, ...). */
  readonly savedFrom: TenantModel['source'];
  readonly savedAt?: string;
  /** Things removed or doubtful (secret-like fields found in the file, ...). */
  readonly warnings: string[];
}

export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

const CREDENTIAL_FIELDS: ReadonlyArray<keyof AppCredential> = ['keyId', 'type', 'displayName', 'startDateTime', 'endDateTime'];
/** Property names that carry secrets in Graph or msal objects; never part of a model. */
const SECRET_KEYS = /^(secretText|key|hint|privateKey|password|clientSecret|client_secret|accessToken|access_token|refreshToken|refresh_token|idToken|id_token|customKeyIdentifier)$/i;

/** A copy of the model with nothing secret in it; `removed` lists what was dropped (paths). */
export function sanitizeModel(model: TenantModel, removed: string[] = []): TenantModel {
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      const r = redactSecrets(v);
      if (r !== v) removed.push(`${path} (token-like text)`);
      return r;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (SECRET_KEYS.test(k)) {
          removed.push(`${path}.${k}`);
          continue;
        }
        out[k] = walk(x, `${path}.${k}`);
      }
      return out;
    }
    return v;
  };
  const clean = walk(model, '$') as TenantModel;
  clean.apps.forEach((a, i) => {
    a.credentials = a.credentials.map((c, j) => {
      const kept: Record<string, unknown> = {};
      for (const f of CREDENTIAL_FIELDS) if (c[f] !== undefined) kept[f] = c[f];
      for (const k of Object.keys(c)) if (!CREDENTIAL_FIELDS.includes(k as keyof AppCredential)) removed.push(`$.apps[${i}].credentials[${j}].${k}`);
      return kept as unknown as AppCredential;
    });
  });
  return clean;
}

/** The snapshot text of a model (sanitised). */
export function snapshotText(model: TenantModel, savedAt = new Date()): string {
  const envelope: SnapshotEnvelope = { format: SNAPSHOT_FORMAT, savedAt: savedAt.toISOString(), savedBy: 'exo-audit', model: sanitizeModel(model) };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

export async function saveSnapshot(file: string, model: TenantModel): Promise<void> {
  const tmp = `${file}.tmp`;
  await fsp.writeFile(tmp, snapshotText(model));
  await fsp.rename(tmp, file);
}

/** Reads snapshot text: the envelope or a bare model (as `exo-audit synth` writes model.json). */
export function parseSnapshot(text: string, source = 'the snapshot'): LoadedSnapshot {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new SnapshotError(`${source} is not JSON: ${(e as Error).message}`);
  }
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const o = json as Record<string, unknown>;
    if ('format' in o && o.format !== SNAPSHOT_FORMAT) throw new SnapshotError(`${source} is a '${String(o.format)}', not an exo-audit tenant snapshot`);
    const inner = ('model' in o ? o.model : o) as Record<string, unknown> | undefined;
    if (inner && typeof inner.schemaVersion === 'number' && inner.schemaVersion > 1) {
      throw new SnapshotError(`${source} has schemaVersion ${inner.schemaVersion}, written by a newer exo-audit; this version reads schemaVersion 1`);
    }
  }
  let model: TenantModel;
  try {
    model = parseTenantModel(json);
  } catch (e) {
    if (e instanceof TenantModelError) throw new SnapshotError(`${source} is not a valid tenant snapshot: ${e.message}`);
    throw e;
  }
  const removed: string[] = [];
  const clean = sanitizeModel(model, removed);
  const savedFrom = clean.source;
  clean.source = 'snapshot';
  const savedAt = json && typeof json === 'object' && typeof (json as { savedAt?: unknown }).savedAt === 'string' ? (json as { savedAt: string }).savedAt : undefined;
  return { model: clean, savedFrom, savedAt, warnings: removed.map((p) => `removed secret-like value ${p}`) };
}

export async function loadSnapshot(file: string): Promise<LoadedSnapshot> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (e) {
    throw new SnapshotError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseSnapshot(text, file);
}
