import { CONTRACTOR_COMPANIES, DEPARTMENTS, EXECUTIVES, PARTNER_DOMAINS } from '../data/org';
import { GIVEN_NAMES, SURNAMES } from '../data/names';
import { MOBILE_PREFIXES, type Place } from '../data/places';
import { DEFAULT_AUDIT_ADMIN, DEFAULT_AUDIT_DELEGATE, DEFAULT_AUDIT_OWNER } from '../data/apps';
import type { Prng } from '../random/prng';
import type { Mailbox, User } from '../../tenant/model';
import type { MobileClient, Person, PersonRole } from './types';

export interface PeopleInput {
  readonly prng: Prng;
  readonly users: number;
  /** UPN / SMTP domain (vanity). */
  readonly domain: string;
  /** The tenant's initial onmicrosoft.com domain (guest UPNs). */
  readonly initialDomain: string;
  readonly companyName: string;
  readonly home: Place;
  readonly branch: Place;
  readonly setupTime: number;
  /** Instants at which accounts created during the window appear. */
  readonly newHireTimes: readonly number[];
}

interface Draft {
  role: PersonRole;
  department: string;
  jobTitle: string;
  company: string;
  createdAt: number;
  vip?: boolean;
}

const DEVICES = [
  { os: 'Windows 10', browser: 'Edge 120.0.2210', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91' },
  { os: 'Windows 10', browser: 'Chrome 120.0.0', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36' },
  { os: 'MacOs', browser: 'Safari 17.2', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15' },
  { os: 'MacOs', browser: 'Firefox 121.0', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0' },
] as const;

export function ipIn(prefix: string, prng: Prng): string {
  return `${prefix}.${prng.between(1, 254)}.${prng.between(2, 253)}`;
}

/** A residential IPv6 address in a /32 block ("2a01:e0a" -> 2a01:e0a:xxxx:xxxx:xxxx:xxxx:xxxx:xxxx). */
export function ipv6In(prefix: string, prng: Prng): string {
  const groups = [prng.int(0x10000), prng.int(0x100) << 8, prng.int(0x10000), prng.int(0x10000), prng.int(0x10000), prng.int(0x10000)];
  return `${prefix}:${groups.map((g) => g.toString(16)).join(':')}`;
}

function defaultAudit(): Mailbox['audit'] {
  return {
    auditEnabled: true,
    auditBypassEnabled: false,
    auditOwner: [...DEFAULT_AUDIT_OWNER],
    auditDelegate: [...DEFAULT_AUDIT_DELEGATE],
    auditAdmin: [...DEFAULT_AUDIT_ADMIN],
  };
}

/** A mailbox with default audit settings. */
export function newMailbox(prng: Prng, fields: Omit<Mailbox, 'guid' | 'audit' | 'grantSendOnBehalfTo' | 'customAttributes'>): Mailbox {
  return { guid: prng.guid(), ...fields, customAttributes: {}, audit: defaultAudit(), grantSendOnBehalfTo: [] };
}

/** The role mix: fixed special people, then staff by department share. */
function drafts(input: PeopleInput): Draft[] {
  const { prng, users, setupTime } = input;
  const out: Draft[] = [];
  const at = (d: Omit<Draft, 'createdAt'>): void => { out.push({ ...d, createdAt: setupTime }); };
  at({ role: 'admin', department: 'IT', jobTitle: 'IT Operations Manager', company: input.companyName });
  at({ role: 'admin', department: 'IT', jobTitle: 'Messaging Administrator', company: input.companyName });
  for (const e of EXECUTIVES) at({ role: 'executive', department: e.department, jobTitle: e.title, company: input.companyName, vip: true });
  const assistants = users >= 24 ? 2 : 1;
  for (let i = 0; i < assistants; i++) at({ role: 'assistant', department: 'Executive', jobTitle: 'Executive Assistant', company: input.companyName });
  const guests = Math.max(1, Math.round(users * 0.03));
  const contractors = Math.max(1, Math.round(users * 0.04));
  const newHires = input.newHireTimes.length;
  const staff = users - out.length - guests - contractors - newHires;
  if (staff < 4) throw new RangeError(`a synthetic tenant needs more users (got ${users}; use at least 16)`);
  // Guarantee the departments the scenarios and scopes rely on.
  const guaranteed = ['Finance', 'Finance', 'Sales', 'Sales', 'IT', 'Customer Support', 'Marketing'];
  const weights = DEPARTMENTS.map((d) => d.share);
  for (let i = 0; i < staff; i++) {
    const dept = i < guaranteed.length ? DEPARTMENTS.find((d) => d.name === guaranteed[i])! : DEPARTMENTS[prng.weightedIndex(weights)]!;
    at({ role: 'staff', department: dept.name, jobTitle: prng.pick(dept.titles), company: input.companyName });
  }
  for (let i = 0; i < contractors; i++) {
    const dept = prng.pick(DEPARTMENTS);
    at({ role: 'contractor', department: dept.name, jobTitle: 'Contractor', company: prng.pick(CONTRACTOR_COMPANIES) });
  }
  for (let i = 0; i < guests; i++) at({ role: 'guest', department: '', jobTitle: '', company: '' });
  for (const t of input.newHireTimes) {
    const dept = DEPARTMENTS[prng.weightedIndex(weights)]!;
    out.push({ role: 'staff', department: dept.name, jobTitle: prng.pick(dept.titles), company: input.companyName, createdAt: t });
  }
  return out;
}

/** Builds every person of the tenant (deterministic for a given generator). */
export function buildPeople(input: PeopleInput): Person[] {
  const { prng } = input;
  const taken = new Set<string>();
  const officeIps = new Map<string, string[]>();
  const officeIpsOf = (p: Place): string[] => {
    let ips = officeIps.get(p.city);
    if (!ips) {
      ips = [ipIn(p.prefixes[0]!, prng), ipIn(p.prefixes[0]!, prng)];
      officeIps.set(p.city, ips);
    }
    return ips;
  };
  return drafts(input).map((d, index) => {
    let given = prng.pick(GIVEN_NAMES);
    let surname = prng.pick(SURNAMES);
    let local = `${given}.${surname}`.toLowerCase();
    for (let n = 2; taken.has(local); n++) {
      given = prng.pick(GIVEN_NAMES);
      surname = prng.pick(SURNAMES);
      local = `${given}.${surname}`.toLowerCase();
      if (n > 6) local = `${given}.${surname}${n}`.toLowerCase();
    }
    taken.add(local);
    const guest = d.role === 'guest';
    const partner = guest ? prng.pick(PARTNER_DOMAINS) : '';
    const upn = guest ? `${local}_${partner}#EXT#@${input.initialDomain}` : `${local}@${input.domain}`;
    const place = !guest && prng.chance(0.25) ? input.branch : input.home;
    const user: User = {
      id: prng.guid(),
      userPrincipalName: upn,
      displayName: `${given} ${surname}`,
      userType: guest ? 'Guest' : 'Member',
      createdDateTime: new Date(d.createdAt).toISOString(),
      accountEnabled: true,
      ...(d.department ? { department: d.department } : {}),
      ...(d.jobTitle ? { jobTitle: d.jobTitle } : {}),
      ...(d.company ? { company: d.company } : guest ? { company: partner } : {}),
      ...(guest ? {} : { city: place.city, country: place.country }),
      ...(d.role === 'contractor' ? { isContractor: true } : {}),
      ...(d.vip ? { isVip: true } : {}),
    };
    const mailbox = guest ? undefined : newMailbox(prng, {
      userPrincipalName: upn,
      primarySmtpAddress: upn,
      alias: local.replace(/[^a-z0-9]/g, ''),
      name: user.id,
      displayName: user.displayName,
      recipientTypeDetails: 'UserMailbox',
      ...(user.department ? { department: user.department } : {}),
      ...(user.company ? { company: user.company } : {}),
      city: place.city,
      userId: user.id,
    });
    const mobile: MobileClient = guest ? null : prng.chance(0.55) ? 'outlook' : prng.chance(0.35) ? 'activesync' : null;
    const activity = d.role === 'executive' ? 1.6 : d.role === 'assistant' ? 1.8 : Math.min(3, Math.max(0.25, Math.exp(0.55 * prng.normal())));
    return {
      index,
      user,
      role: d.role,
      puid: `1003${prng.hex(12)}`.toUpperCase(),
      sid: `S-1-5-21-${prng.between(1000000000, 4000000000)}-${prng.between(100000000, 4000000000)}-${prng.between(100000000, 4000000000)}-${prng.between(20000000, 90000000)}`,
      ...(mailbox ? { mailbox } : {}),
      place,
      officeIp: prng.pick(officeIpsOf(place)),
      homeIp: place.v6Prefixes && prng.chance(0.15) ? ipv6In(prng.pick(place.v6Prefixes), prng) : ipIn(prng.pick(place.prefixes), prng),
      mobileIp: ipIn(prng.pick(MOBILE_PREFIXES), prng),
      activity,
      mobile,
      createdAt: d.createdAt,
      device: prng.pick(DEVICES),
    };
  });
}
