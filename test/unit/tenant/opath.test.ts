import { strict as assert } from 'node:assert';
import { evaluateOpath, matchMailboxes, opathLike } from '../../../src/core/tenant/opath/evaluate';
import { OpathError } from '../../../src/core/tenant/opath/errors';
import { parseOpath, tryParseOpath } from '../../../src/core/tenant/opath/parser';
import { sampleTenant } from './fixtures';

const model = sampleTenant();
const matched = (filter: string) => {
  const r = matchMailboxes(filter, model);
  if (r.error) throw r.error;
  return r.matched.map((m) => m.userPrincipalName).sort();
};

describe('tenant OPATH RecipientRestrictionFilter', () => {
  const table: Array<[string, string[]]> = [
    ["Department -eq 'Sales'", ['alice@contoso.com']],
    ["department -EQ 'sales'", ['alice@contoso.com']],
    ['Department -eq "Finance"', ['bob@contoso.com']],
    ['Department -eq Support', ['support@contoso.com']],
    ["Department -ne 'Sales'", ['bob@contoso.com', 'ceo@contoso.com', 'support@contoso.com']],
    ["Guid -eq '24d72ef2-1111-2222-3333-1c66b70dbdfa'", ['alice@contoso.com']],
    ["Guid -eq '{24D72EF2-1111-2222-3333-1C66B70DBDFA}'", ['alice@contoso.com']],
    ["ExchangeGuid -eq '24d72ef2-1111-2222-3333-1c66b70dbdfa'", ['alice@contoso.com']],
    ["PrimarySmtpAddress -like '*@contoso.com' -and RecipientTypeDetails -eq 'SharedMailbox'", ['support@contoso.com']],
    ["Alias -like 'a*' -or Alias -like '*o*'", ['alice@contoso.com', 'bob@contoso.com', 'ceo@contoso.com', 'support@contoso.com']],
    ["Alias -notlike '*o*'", ['alice@contoso.com']],
    ["-not (Department -eq 'Sales')", ['bob@contoso.com', 'ceo@contoso.com', 'support@contoso.com']],
    ["-not Department -eq 'Sales' -and City -eq 'Lyon'", ['bob@contoso.com']],
    ["(Department -eq 'Sales' -or Department -eq 'Finance') -and City -eq 'Paris'", ['alice@contoso.com']],
    ["Department -eq 'Sales' -or Department -eq 'Finance' -and City -eq 'Paris'", ['alice@contoso.com']],
    ['CustomAttribute1 -eq "VIP"', ['alice@contoso.com']],
    ['CustomAttribute15 -eq $null', ['alice@contoso.com', 'bob@contoso.com', 'ceo@contoso.com', 'support@contoso.com']],
    ['CustomAttribute1 -ne $null', ['alice@contoso.com']],
    ["Company -eq 'Contoso'", ['alice@contoso.com']],
    ["UserPrincipalName -eq 'BOB@contoso.com'", ['bob@contoso.com']],
    ["DisplayName -eq 'O''Brien Support'", ['support@contoso.com']],
    ['DisplayName -eq "O\'Brien Support"', ['support@contoso.com']],
    ["DisplayName -like 'O''*'", ['support@contoso.com']],
    ["Name -like '*'", ['alice@contoso.com', 'bob@contoso.com', 'ceo@contoso.com', 'support@contoso.com']],
    ["MemberOfGroup -eq 'CN=AAP Sales,OU=contoso.onmicrosoft.com,OU=Microsoft Exchange Hosted Organizations,DC=NAMPR10A011,DC=PROD,DC=OUTLOOK,DC=COM'", ['alice@contoso.com']],
    ["MemberOfGroup -eq 'aap-sales@contoso.com'", ['alice@contoso.com']],
    ["MemberOfGroup -eq 'Deny Exec'", ['ceo@contoso.com']],
    ["MemberOfGroup -eq 'g-deny-alice'", ['alice@contoso.com']],
    ["MemberOfGroup -ne 'Deny Exec' -and RecipientTypeDetails -eq 'UserMailbox'", ['alice@contoso.com', 'bob@contoso.com']],
    ['RecipientTypeDetails -eq ‘UserMailbox’ -and Department -eq “Executive”', ['ceo@contoso.com']],
  ];
  for (const [filter, expected] of table) {
    it(`selects ${expected.length} for: ${filter}`, () => assert.deepEqual(matched(filter), expected));
  }

  it('-like treats only * as a wildcard and the rest literally', () => {
    assert.equal(opathLike('a.b', 'a.b'), true);
    assert.equal(opathLike('axb', 'a.b'), false);
    assert.equal(opathLike('a?b', 'a?b'), true);
    assert.equal(opathLike('aXb', 'a?b'), false);
    assert.equal(opathLike('Sales (EU)', 'sales (*)'), true);
    assert.equal(opathLike('', '*'), true);
  });

  it('parses precedence: -and binds tighter than -or, -not tightest', () => {
    const ast = parseOpath("-not A -eq 1 -or B -eq 2 -and C -eq 3".replace(/\b([ABC])\b/g, (x) => ({ A: 'Name', B: 'Alias', C: 'City' }[x]!)));
    assert.equal(ast.type, 'or');
    if (ast.type !== 'or') return;
    assert.equal(ast.left.type, 'not');
    assert.equal(ast.right.type, 'and');
  });

  const errors: Array<[string, RegExp, number]> = [
    ["Department -gt 'A'", /operator -gt is not supported on string property Department/, 11],
    ["Title -eq 'CEO'", /unknown or unsupported property 'Title'/, 0],
    ["Department -eq 'Sales", /unterminated quoted string/, 15],
    ["(Department -eq 'Sales'", /expected '\)' to close '\('/, 23],
    ["Department -eq 'Sales')", /unbalanced '\)'/, 22],
    ['Department -eq', /expected a value after -eq, found the end of the filter/, 14],
    ["Department 'Sales'", /expected an operator such as -eq after Department/, 11],
    ["Department -eq 'Sales' City -eq 'Paris'", /expected -and, -or or the end of the filter, found 'City'/, 23],
    ['Department -eq $env', /unsupported variable \$env/, 15],
    ['Department -eq $true', /cannot compare string property Department with \$true/, 15],
    ["MemberOfGroup -like 'x*'", /-like is not supported on MemberOfGroup/, 14],
    ["Department -foo 'x'", /unknown operator -foo/, 11],
    ['', /empty filter/, 0],
    ["-and Department -eq 'x'", /expected a property name, found operator -and/, 0],
  ];
  for (const [filter, message, position] of errors) {
    it(`rejects with a position: ${filter || '(empty)'}`, () => {
      const r = tryParseOpath(filter);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.ok(r.error instanceof OpathError);
      assert.match(r.error.message, message);
      assert.equal(r.error.position, position);
    });
  }

  it('matchMailboxes reports a parse error and matches nothing', () => {
    const r = matchMailboxes("Department -lt 'x'", model);
    assert.equal(r.matched.length, 0);
    assert.ok(r.error);
  });

  it('user attributes fill what the mailbox lacks (Department from Entra)', () => {
    const alice = model.mailboxes[0];
    assert.equal(alice.department, undefined);
    assert.equal(evaluateOpath(parseOpath("Department -eq 'Sales'"), model, alice), true);
  });
});
