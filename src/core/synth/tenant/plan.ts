import { MS_APPS, type MsAppKey } from '../data/apps';
import { OFFICE_PLACES, type Place } from '../data/places';
import { TENANT_NAMES } from '../data/names';
import type { Prng } from '../random/prng';
import type { App, Mailbox } from '../../tenant/model';
import { buildPeople, newMailbox } from './people';
import type { AppPlan, GroupPlan, Person, SharedMailboxPlan } from './types';

export interface TenantPlan {
  readonly tenantId: string;
  /** The initial domain (model.domain, OrganizationName). */
  readonly initialDomain: string;
  /** The vanity domain of UPNs and SMTP addresses. */
  readonly domain: string;
  readonly companyName: string;
  readonly home: Place;
  readonly tzOffsetMinutes: number;
  readonly people: Person[];
  /** [0] does the day-to-day administration; [1] is the account an attacker takes over. */
  readonly admins: Person[];
  readonly executives: Person[];
  readonly assistants: Person[];
  readonly shared: SharedMailboxPlan[];
  readonly resources: Mailbox[];
  readonly groups: GroupPlan[];
  readonly microsoftApps: App[];
  readonly apps: AppPlan[];
  /** Mailboxes given weaker audit settings at setup: [mailbox, which setting]. */
  readonly weakAudit: readonly { mailbox: Mailbox; kind: 'ownerActions' | 'delegateActions' | 'disabled' }[];
  /** A person who moves department during the window (affects department-scoped app access). */
  readonly mover?: { person: Person; to: string };
  /** Exchange Online server names seen as OriginatingServer. */
  readonly servers: readonly string[];
}

export interface PlanInput {
  readonly prng: Prng;
  readonly users: number;
  readonly setupTime: number;
  readonly newHireTimes: readonly number[];
  readonly home: Place;
  readonly tzOffsetMinutes: number;
}

function titleCase(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sharedMailbox(prng: Prng, domain: string, alias: string, displayName: string, type: Mailbox['recipientTypeDetails']): Mailbox {
  const address = `${alias}@${domain}`;
  return newMailbox(prng, {
    userPrincipalName: address, primarySmtpAddress: address, alias, name: displayName, displayName, recipientTypeDetails: type,
  });
}

function microsoftApp(prng: Prng, key: MsAppKey): App {
  const a = MS_APPS[key];
  return { appId: a.appId, servicePrincipalId: prng.guid(), displayName: a.displayName, publisher: 'Microsoft Services', isMicrosoft: true, owners: [], credentials: [], permissions: [] };
}

function lobApp(prng: Prng, displayName: string, publisher: string, registeredHere: boolean, owner: Person): App {
  return {
    appId: prng.guid(),
    servicePrincipalId: prng.guid(),
    ...(registeredHere ? { applicationObjectId: prng.guid() } : {}),
    displayName,
    publisher,
    isMicrosoft: false,
    owners: registeredHere ? [owner.user.userPrincipalName] : [],
    credentials: [],
    permissions: [],
  };
}

function server(prng: Prng): string {
  const region = prng.pick(['CH3PR10MB', 'BN8PR01MB', 'SA1PR11MB', 'DM6PR12MB', 'PH0PR19MB']);
  return `${region}${prng.between(1000, 9999)} (15.20.${prng.between(7000, 8100)}.${String(prng.between(1, 40)).padStart(3, '0')})`;
}

/** Everything the tenant consists of at the end of its setup (plus what appears later by design). */
export function buildTenantPlan(input: PlanInput): TenantPlan {
  const prng = input.prng;
  const name = prng.pick(TENANT_NAMES);
  const initialDomain = `${name}${prng.between(100, 999)}.onmicrosoft.com`;
  const domain = `${name}.com`;
  const companyName = `${titleCase(name)} Ltd`;
  const home = input.home;
  const branch = prng.pick(OFFICE_PLACES.filter((p) => p !== home));
  const tenantId = prng.guid();
  const people = buildPeople({
    prng: prng.fork('people'), users: input.users, domain, initialDomain, companyName, home, branch,
    setupTime: input.setupTime, newHireTimes: input.newHireTimes,
  });
  const byRole = (r: Person['role']): Person[] => people.filter((p) => p.role === r);
  const staffIn = (dept: string): Person[] => people.filter((p) => p.role === 'staff' && p.user.department === dept && p.createdAt === input.setupTime);
  const admins = byRole('admin');
  const executives = byRole('executive');
  const assistants = byRole('assistant');
  const mp = prng.fork('mailboxes');

  const ap = sharedMailbox(mp, domain, 'ap', 'Accounts Payable', 'SharedMailbox');
  const salesBox = sharedMailbox(mp, domain, 'sales', 'Sales Inbox', 'SharedMailbox');
  const support = sharedMailbox(mp, domain, 'support', 'IT Support', 'SharedMailbox');
  const execOffice = sharedMailbox(mp, domain, 'exec-office', 'Executive Office', 'SharedMailbox');
  const scans = sharedMailbox(mp, domain, 'scans', 'Scanned Documents', 'SharedMailbox');
  const shared: SharedMailboxPlan[] = [
    { mailbox: ap, members: staffIn('Finance').slice(0, 4), sendAs: true, memberReadsPerDay: 5 },
    { mailbox: salesBox, members: staffIn('Sales').slice(0, 5), sendAs: true, memberReadsPerDay: 4 },
    { mailbox: support, members: [...staffIn('IT'), ...staffIn('Customer Support')].slice(0, 5), sendAs: false, memberReadsPerDay: 6 },
    { mailbox: execOffice, members: [...assistants], sendAs: true, memberReadsPerDay: 4 },
    { mailbox: scans, members: [], sendAs: false, memberReadsPerDay: 0 },
  ];
  const resources = [
    sharedMailbox(mp, domain, 'room-adams', 'Conf Room Adams', 'RoomMailbox'),
    sharedMailbox(mp, domain, 'room-baker', 'Conf Room Baker', 'RoomMailbox'),
    sharedMailbox(mp, domain, 'projector-1', 'Projector 1', 'EquipmentMailbox'),
  ];

  const financeGroup: GroupPlan = {
    id: mp.guid(), displayName: 'App Access - Finance Reports', alias: 'app-access-finance', mail: `app-access-finance@${domain}`,
    mailEnabledSecurity: true,
    members: [...people.filter((p) => p.user.department === 'Finance' && p.mailbox && p.createdAt === input.setupTime).map((p) => p.mailbox!.primarySmtpAddress), ap.primarySmtpAddress],
  };

  const aprng = prng.fork('apps');
  const owner = admins[0]!;
  const microsoftApps = (['graph', 'exchangeOnline', 'office', 'outlookMobile', 'oneOutlookWeb', 'teams'] as const).map((k) => microsoftApp(aprng, k));
  const apps: AppPlan[] = [
    {
      app: lobApp(aprng, 'Expense Reporter', companyName, true, owner),
      reach: { kind: 'access-policy', groupId: financeGroup.id },
      appRoles: [['Microsoft Graph', 'Mail.Read'], ['Microsoft Graph', 'User.Read.All']], delegatedScopes: [], registeredHere: true,
      readsPerMailboxPerDay: 3, activeHours: [7, 19], clientInfo: 'Client=REST;Client=RESTSystem;;', accessType: 'Bind',
    },
    {
      app: lobApp(aprng, 'Archivio Cloud Backup', 'Archivio Ltd', false, owner),
      reach: { kind: 'entra-all' },
      appRoles: [['Microsoft Graph', 'Mail.Read'], ['Microsoft Graph', 'User.Read.All']], delegatedScopes: [], registeredHere: false,
      readsPerMailboxPerDay: 1.5, activeHours: [1, 4], clientInfo: 'Client=REST;Client=RESTSystem;;', accessType: 'Sync',
    },
    {
      app: lobApp(aprng, 'Dynamo CRM Mail Sync', 'Dynamo CRM Inc', false, owner),
      reach: { kind: 'rbac-department', scopeName: 'Sales Mailboxes', department: 'Sales', role: 'Application Mail.Read', assignmentName: 'Dynamo CRM - Sales Mail.Read' },
      appRoles: [], delegatedScopes: [], registeredHere: false,
      readsPerMailboxPerDay: 6, activeHours: [7, 20], clientInfo: 'Client=REST;Client=RESTSystem;;', accessType: 'Bind',
    },
    {
      app: lobApp(aprng, 'Helpdesk Connector', companyName, true, owner),
      reach: { kind: 'rbac-guid', scopeName: 'IT Support Mailbox', mailbox: support, role: 'Application Mail.ReadWrite', assignmentName: 'Helpdesk Connector - Support' },
      appRoles: [], delegatedScopes: [], registeredHere: true,
      readsPerMailboxPerDay: 20, activeHours: [0, 24], clientInfo: 'Client=REST;Client=RESTSystem;;', accessType: 'Bind',
    },
    {
      app: lobApp(aprng, 'Scan Relay', companyName, true, owner),
      reach: { kind: 'esp-fullaccess', mailbox: scans },
      appRoles: [['Office 365 Exchange Online', 'IMAP.AccessAsApp']], delegatedScopes: [], registeredHere: true,
      readsPerMailboxPerDay: 24, activeHours: [0, 24], clientInfo: 'Client=IMAP4;Protocol=IMAP4', accessType: 'Bind',
    },
    {
      app: lobApp(aprng, 'Meeting Scheduler Pro', 'Calendly-Style Apps Inc', false, owner),
      reach: { kind: 'delegated-consent' },
      appRoles: [], delegatedScopes: ['openid', 'profile', 'User.Read', 'Calendars.ReadWrite'], registeredHere: false,
      readsPerMailboxPerDay: 0, activeHours: [8, 18], clientInfo: '', accessType: 'Bind',
    },
  ];

  const staff = people.filter((p) => p.role === 'staff' && p.mailbox && p.createdAt === input.setupTime && !shared.some((s) => s.members.includes(p)));
  const weakAudit: TenantPlan['weakAudit'] = [
    ...staff.slice(-2).map((p) => ({ mailbox: p.mailbox!, kind: 'ownerActions' as const })),
    { mailbox: salesBox, kind: 'delegateActions' as const },
    { mailbox: resources[0]!, kind: 'disabled' as const },
  ];
  const marketer = people.find((p) => p.role === 'staff' && p.user.department === 'Marketing' && p.createdAt === input.setupTime);

  return {
    tenantId, initialDomain, domain, companyName, home,
    tzOffsetMinutes: input.tzOffsetMinutes,
    people, admins, executives, assistants, shared, resources, groups: [financeGroup], microsoftApps, apps, weakAudit,
    ...(marketer ? { mover: { person: marketer, to: 'Sales' } } : {}),
    servers: [server(mp), server(mp), server(mp), server(mp)],
  };
}
