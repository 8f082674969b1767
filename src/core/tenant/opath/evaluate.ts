import { fold, groupMatches, groupsOfMailbox, ownerOfMailbox } from '../identity';
import type { Mailbox, TenantModel } from '../model';
import type { OpathNode } from './ast';
import { OpathError } from './errors';
import { parseOpath } from './parser';

type ModelView = Pick<TenantModel, 'users' | 'groups'>;

/** The value of a string property of a mailbox as a recipient (user attributes fill what the mailbox lacks). */
export function recipientProperty(model: ModelView, m: Mailbox, property: string): string {
  const owner = () => ownerOfMailbox(model, m);
  switch (property) {
    case 'Guid': return stripBraces(m.guid);
    case 'ExchangeGuid': return stripBraces(m.exchangeGuid || m.guid);
    case 'Name': return m.name;
    case 'Alias': return m.alias;
    case 'DisplayName': return m.displayName;
    case 'PrimarySmtpAddress': return m.primarySmtpAddress;
    case 'UserPrincipalName': return m.userPrincipalName;
    case 'Department': return m.department ?? owner()?.department ?? '';
    case 'Company': return m.company ?? owner()?.company ?? '';
    case 'City': return m.city ?? owner()?.city ?? '';
    case 'RecipientTypeDetails': return m.recipientTypeDetails;
    default: {
      const ca = /^CustomAttribute(\d+)$/.exec(property);
      if (ca) return m.customAttributes[ca[1]] ?? '';
      throw new OpathError(`property ${property} has no string value`, 0);
    }
  }
}

function stripBraces(s: string | undefined): string {
  return (s ?? '').replace(/^\{|\}$/g, '');
}

/** OPATH -like: '*' matches any run of characters; everything else literally; case-insensitive. */
export function opathLike(value: string, pattern: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('[\\s\\S]*')}$`, 'i');
  return re.test(value);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Evaluates a parsed filter against one mailbox. */
export function evaluateOpath(ast: OpathNode, model: ModelView, m: Mailbox): boolean {
  switch (ast.type) {
    case 'and': return evaluateOpath(ast.left, model, m) && evaluateOpath(ast.right, model, m);
    case 'or': return evaluateOpath(ast.left, model, m) || evaluateOpath(ast.right, model, m);
    case 'not': return !evaluateOpath(ast.operand, model, m);
    case 'compare': {
      if (ast.property === 'MemberOfGroup') {
        const target = ast.value.kind === 'string' ? ast.value.value : '';
        const isMember = groupsOfMailbox(model, m).some((g) => groupMatches(g, target));
        return ast.operator === 'eq' ? isMember : !isMember;
      }
      const actual = recipientProperty(model, m, ast.property);
      if (ast.value.kind === 'null') {
        const empty = actual === '';
        return ast.operator === 'eq' || ast.operator === 'like' ? empty : !empty;
      }
      const expected = ast.value.kind === 'string' ? ast.value.value : String(ast.value.value);
      const wanted = ast.property === 'Guid' || ast.property === 'ExchangeGuid' ? stripBraces(expected.trim()) : expected;
      switch (ast.operator) {
        case 'eq': return fold(actual) === fold(wanted);
        case 'ne': return fold(actual) !== fold(wanted);
        case 'like': return opathLike(actual, wanted);
        case 'notlike': return !opathLike(actual, wanted);
      }
    }
  }
}

export interface OpathMatch {
  filter: string;
  matched: Mailbox[];
  /** Set when the filter could not be parsed: nothing matches. */
  error?: OpathError;
}

/** The mailboxes a RecipientRestrictionFilter selects. */
export function matchMailboxes(filter: string, model: Pick<TenantModel, 'users' | 'groups' | 'mailboxes'>): OpathMatch {
  let ast: OpathNode;
  try {
    ast = parseOpath(filter);
  } catch (e) {
    if (e instanceof OpathError) return { filter, matched: [], error: e };
    throw e;
  }
  return { filter, matched: model.mailboxes.filter((m) => evaluateOpath(ast, model, m)) };
}
