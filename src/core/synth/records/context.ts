import { EXCHANGE_FOREST } from '../data/apps';

/** Tenant-wide values every record builder needs. */
export interface RecordContext {
  readonly tenantId: string;
  /** contoso123.onmicrosoft.com: OrganizationName of Exchange records. */
  readonly initialDomain: string;
  readonly servers: readonly string[];
}

/** Someone who acts: a person (UPN, Entra object id, PUID) as the records name them. */
export interface Actor {
  readonly upn: string;
  readonly id: string;
  readonly puid: string;
  readonly displayName: string;
}

/** The resolved Exchange object path of a recipient as cmdlet records show it in ObjectId. */
export function exchangeObjectPath(ctx: RecordContext, name: string): string {
  return `${EXCHANGE_FOREST}/Microsoft Exchange Hosted Organizations/${ctx.initialDomain}/${name}`;
}

/** The Exchange system account seen on provisioning cmdlets. */
export const EXCHANGE_SYSTEM = 'NT AUTHORITY\\SYSTEM (Microsoft.Exchange.ServiceHost)';

export type Row = Record<string, unknown>;

/** An address with its source port as Exchange admin records spell it: a.b.c.d:port or [v6]:port. */
export function withPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
