/** The recipient properties a RecipientRestrictionFilter may use here, with their canonical spelling. */
export type OpathPropertyKind = 'string' | 'group';

export interface OpathPropertyDef {
  readonly name: string;
  readonly kind: OpathPropertyKind;
}

const names: Array<[string, OpathPropertyKind]> = [
  ['Guid', 'string'], ['ExchangeGuid', 'string'], ['Name', 'string'], ['Alias', 'string'], ['DisplayName', 'string'],
  ['PrimarySmtpAddress', 'string'], ['UserPrincipalName', 'string'], ['Department', 'string'], ['Company', 'string'],
  ['City', 'string'], ['RecipientTypeDetails', 'string'], ['MemberOfGroup', 'group'],
];
for (let n = 1; n <= 15; n++) names.push([`CustomAttribute${n}`, 'string']);

export const opathProperties: readonly OpathPropertyDef[] = names.map(([name, kind]) => ({ name, kind }));

const byLower = new Map(opathProperties.map((p) => [p.name.toLowerCase(), p]));

export function findOpathProperty(name: string): OpathPropertyDef | undefined {
  return byLower.get(name.toLowerCase());
}
