import { fold } from './identity';
import type { App, TenantModel } from './model';

/** The parts of a model a diff reports on. */
export type DiffKind = 'organization' | 'user' | 'group' | 'mailbox' | 'app' | 'appPermission' | 'appCredential'
  | 'exchangeServicePrincipal' | 'managementScope' | 'roleAssignment' | 'accessPolicy' | 'delegation';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface DiffEntry {
  kind: DiffKind;
  key: string;
  /** A readable name of the element. */
  label: string;
  change: 'added' | 'removed' | 'changed';
  /** For changed elements. */
  fields?: FieldChange[];
}

export interface ModelDiff {
  from: string;
  to: string;
  added: DiffEntry[];
  removed: DiffEntry[];
  changed: DiffEntry[];
}

type Keyed = { key: string; label: string; value: Record<string, unknown> };

function appKey(a: App): string {
  return fold(a.appId || a.applicationObjectId || a.servicePrincipalId);
}

function collections(m: TenantModel): Record<DiffKind, Keyed[]> {
  const plain = (o: object) => o as unknown as Record<string, unknown>;
  return {
    organization: [{ key: 'organization', label: 'organization config', value: plain(m.organization) }],
    user: m.users.map((u) => ({ key: fold(u.id || u.userPrincipalName), label: u.userPrincipalName, value: plain(u) })),
    group: m.groups.map((g) => ({ key: fold(g.id || g.displayName), label: g.displayName, value: plain(g) })),
    mailbox: m.mailboxes.map((x) => ({ key: fold(x.userPrincipalName), label: x.userPrincipalName, value: plain(x) })),
    app: m.apps.map((a) => {
      const { permissions: _p, credentials: _c, ...rest } = a;
      return { key: appKey(a), label: a.displayName || a.appId, value: plain(rest) };
    }),
    appPermission: m.apps.flatMap((a) => a.permissions.map((p) => ({
      key: [appKey(a), fold(p.resourceAppId), p.kind, fold(p.value), fold(p.principalId)].join('|'),
      label: `${a.displayName || a.appId}: ${p.resourceName || p.resourceAppId} ${p.value} (${p.kind}${p.principalId ? ` for ${p.principalId}` : ''})`,
      value: plain(p),
    }))),
    appCredential: m.apps.flatMap((a) => a.credentials.map((c) => ({
      key: `${appKey(a)}|${fold(c.keyId)}`, label: `${a.displayName || a.appId}: ${c.type} ${c.displayName ?? c.keyId}`, value: plain(c),
    }))),
    exchangeServicePrincipal: m.exchangeServicePrincipals.map((s) => ({ key: fold(s.appId || s.identity), label: s.displayName || s.appId, value: plain(s) })),
    managementScope: m.managementScopes.map((s) => ({ key: fold(s.name), label: s.name, value: plain(s) })),
    roleAssignment: m.roleAssignments.map((r) => ({ key: fold(r.name), label: `${r.name} (${r.role})`, value: plain(r) })),
    accessPolicy: m.accessPolicies.map((p) => ({ key: fold(p.identity), label: `${p.accessRight} ${p.appId} -> ${p.policyScopeGroupId}`, value: plain(p) })),
    delegation: m.delegations.map((d) => ({
      key: [fold(d.mailbox), fold(d.trustee), d.right, fold(d.folder)].join('|'),
      label: `${d.trustee} ${d.right}${d.folder ? ` (${d.folder})` : ''} on ${d.mailbox}`, value: plain(d),
    })),
  };
}

/** Arrays of primitives compare as sets (member lists, audit actions); everything else structurally. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) {
    const items = v.map(canonical);
    if (v.every((x) => x === null || typeof x !== 'object')) items.sort();
    return `[${items.join(',')}]`;
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: FieldChange[] = [];
  for (const f of [...fields].sort()) {
    const b = before[f];
    const a = after[f];
    if (canonical(b) !== canonical(a)) out.push({ field: f, before: b, after: a });
  }
  return out;
}

export interface DiffOptions {
  /** Fields to ignore when comparing (e.g. grantRecordId, createdDateTime). */
  ignoreFields?: readonly string[];
}

/** What was added, removed and changed between two pictures of the tenant ("compare with time T"). */
export function diffModels(before: TenantModel, after: TenantModel, options: DiffOptions = {}): ModelDiff {
  const ignore = new Set(options.ignoreFields ?? []);
  const strip = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).filter(([k]) => !ignore.has(k)));
  const diff: ModelDiff = { from: before.asOf, to: after.asOf, added: [], removed: [], changed: [] };
  const b = collections(before);
  const a = collections(after);
  for (const kind of Object.keys(b) as DiffKind[]) {
    const beforeByKey = new Map(b[kind].map((x) => [x.key, x]));
    const afterByKey = new Map(a[kind].map((x) => [x.key, x]));
    for (const [key, x] of afterByKey) {
      const old = beforeByKey.get(key);
      if (!old) diff.added.push({ kind, key, label: x.label, change: 'added' });
      else {
        const fields = fieldChanges(strip(old.value), strip(x.value));
        if (fields.length) diff.changed.push({ kind, key, label: x.label, change: 'changed', fields });
      }
    }
    for (const [key, x] of beforeByKey) if (!afterByKey.has(key)) diff.removed.push({ kind, key, label: x.label, change: 'removed' });
  }
  return diff;
}
