import type { TenantNode } from '../tree/tenantNode';

/** What a tenant command acts on: a tree item, or `{ appId, mailbox }` from another command or a test. */
export interface CommandSubject {
  readonly appId?: string;
  readonly mailbox?: string;
  readonly label?: string;
  readonly remediation?: () => string;
}

/** Reads only string fields (and a remediation function from our own tree items); anything else is ignored. */
export function subjectOf(arg: unknown): CommandSubject {
  if (typeof arg !== 'object' || arg === null) return {};
  const o = arg as Partial<Record<keyof TenantNode, unknown>>;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    appId: text(o.appId),
    mailbox: text(o.mailbox),
    label: text(o.label),
    remediation: typeof o.remediation === 'function' ? (o.remediation as () => string) : undefined,
  };
}
