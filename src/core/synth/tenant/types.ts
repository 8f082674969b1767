import type { Place } from '../data/places';
import type { App, Mailbox, User } from '../../tenant/model';

export type PersonRole = 'admin' | 'executive' | 'assistant' | 'staff' | 'contractor' | 'guest';

export type MobileClient = 'outlook' | 'activesync' | null;

/** A person of the synthetic tenant with everything the activity generator needs about them. */
export interface Person {
  readonly index: number;
  /** The Entra user as created. */
  readonly user: User;
  readonly role: PersonRole;
  /** Passport-style unique id seen as UserKey in Exchange records ("10032002F222981B"). */
  readonly puid: string;
  /** On-premises style security identifier seen as MailboxOwnerSid / LogonUserSid. */
  readonly sid: string;
  readonly mailbox?: Mailbox;
  readonly place: Place;
  readonly officeIp: string;
  readonly homeIp: string;
  readonly mobileIp: string;
  /** Relative mail activity (1 = typical). */
  readonly activity: number;
  readonly mobile: MobileClient;
  /** When the account is created (setup time, or later for accounts created during the window). */
  createdAt: number;
  readonly device: { readonly os: string; readonly browser: string; readonly userAgent: string };
}

export interface SharedMailboxPlan {
  readonly mailbox: Mailbox;
  /** People with FullAccess (and SendAs when `sendAs`). */
  readonly members: Person[];
  readonly sendAs: boolean;
  /** Daily delegate reads per member. */
  readonly memberReadsPerDay: number;
}

export interface GroupPlan {
  readonly id: string;
  readonly displayName: string;
  readonly mail: string;
  readonly alias: string;
  readonly mailEnabledSecurity: boolean;
  /** Members by primary SMTP address. */
  readonly members: string[];
}

/** How a benign app reaches mailboxes, and how often it reads them. */
export type AppReach =
  | { kind: 'entra-all' }
  | { kind: 'access-policy'; groupId: string }
  | { kind: 'rbac-department'; scopeName: string; department: string; role: string; assignmentName: string }
  | { kind: 'rbac-guid'; scopeName: string; mailbox: Mailbox; role: string; assignmentName: string }
  | { kind: 'esp-fullaccess'; mailbox: Mailbox }
  | { kind: 'delegated-consent' };

export interface AppPlan {
  /** The app as it will be in the model (without permissions and credentials, added by records). */
  readonly app: App;
  readonly reach: AppReach;
  /** Entra application permissions granted at setup: [resource name, value]. */
  readonly appRoles: readonly [string, string][];
  /** Delegated scopes users consent to (delegated-consent apps). */
  readonly delegatedScopes: readonly string[];
  /** Registered in this tenant (has an application object and credentials added here). */
  readonly registeredHere: boolean;
  /** Reads per mailbox per day and the local hours it reads in. */
  readonly readsPerMailboxPerDay: number;
  readonly activeHours: readonly [number, number];
  readonly clientInfo: string;
  readonly accessType: 'Bind' | 'Sync';
}
