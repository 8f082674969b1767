import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { psQuote } from '../../../src/core/tenant/inventory/powershell';
import {
  removeAccessPolicyScript, removeDelegationScript, removeRoleAssignmentScript, revokeEntraPermissionScript, setManagementScopeScript,
} from '../../../src/core/tenant/inventory/remediation';
import { graphApp, graphDelegated } from './fixtures';

const quoteChars = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);

/**
 * Reads one PowerShell single-quoted literal at `at` the way PowerShell's tokenizer does:
 * any of the single-quote characters opens and closes it; two in a row stand for one.
 */
function readLiteral(text: string, at: number): { value: string; end: number } {
  assert.ok(quoteChars.has(text[at]), `expected a quote at ${at} in ${text}`);
  let value = '';
  let i = at + 1;
  while (i < text.length) {
    const c = text[i];
    if (quoteChars.has(c)) {
      if (quoteChars.has(text[i + 1] ?? '')) { value += c; i += 2; continue; }
      return { value, end: i + 1 };
    }
    value += c;
    i++;
  }
  throw new Error(`unterminated literal in ${text}`);
}

/** The value of `-Name '<literal>'` in a command line, and the text after it. */
function argument(command: string, name: string): { value: string; rest: string } {
  const at = command.indexOf(`-${name} `);
  assert.ok(at >= 0, `no -${name} in ${command}`);
  const lit = readLiteral(command, at + name.length + 2);
  return { value: lit.value, rest: command.slice(lit.end) };
}

const hostile = [
  "o'brien@contoso.com",
  "x'; Remove-Mailbox -Identity * -Confirm:$false; '",
  'evil\u2019; Stop-Computer; \u2018',
  '$(Invoke-Expression "calc")',
  '`n`r"quoted"',
  "''''",
  'line1\nline2',
  'CN=Bob\\, Jr.,OU=x',
];

describe('tenant remediation PowerShell quoting', () => {
  it('psQuote round-trips any string through the PowerShell literal reader', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', "'", '\u2018', '\u2019', '\u201a', '\u201b', '"', '$', '`', ';', ' ', '\n') }), (s) => {
      const q = psQuote(s);
      const lit = readLiteral(q, 0);
      return lit.value === s && lit.end === q.length;
    }));
    fc.assert(fc.property(fc.string(), (s) => {
      const q = psQuote(s);
      const lit = readLiteral(q, 0);
      return lit.value === s && lit.end === q.length;
    }));
  });

  for (const h of hostile) {
    it(`keeps a hostile identity inside one literal: ${JSON.stringify(h)}`, () => {
      const fa = removeDelegationScript({ mailbox: h, trustee: h, right: 'FullAccess' });
      assert.equal(argument(fa, 'Identity').value, h);
      const user = argument(fa, 'User');
      assert.equal(user.value, h);
      assert.equal(user.rest, ' -AccessRights FullAccess -InheritanceType All -Confirm:$false');

      const sendAs = removeDelegationScript({ mailbox: 'm@contoso.com', trustee: h, right: 'SendAs' });
      const trustee = argument(sendAs, 'Trustee');
      assert.equal(trustee.value, h);
      assert.equal(trustee.rest, ' -AccessRights SendAs -Confirm:$false');

      const sob = removeDelegationScript({ mailbox: h, trustee: h, right: 'SendOnBehalf' });
      assert.ok(sob.startsWith('Set-Mailbox -Identity '));
      const at = sob.indexOf('@{remove=') + '@{remove='.length;
      const lit = readLiteral(sob, at);
      assert.equal(lit.value, h);
      assert.equal(sob.slice(lit.end), '}');

      const folder = removeDelegationScript({ mailbox: h, trustee: h, right: 'FolderPermission', folder: 'Inbox' });
      assert.equal(argument(folder, 'Identity').value, `${h}:\\Inbox`);

      assert.equal(argument(removeRoleAssignmentScript({ name: h }), 'Identity').rest, ' -Confirm:$false');
      const scope = setManagementScopeScript({ name: h }, `Department -eq '${h}'`);
      assert.equal(argument(scope, 'Identity').value, h);
      const filter = argument(scope, 'RecipientRestrictionFilter');
      assert.equal(filter.value, `Department -eq '${h}'`);
      assert.equal(filter.rest, '');
      assert.equal(argument(removeAccessPolicyScript({ identity: h }), 'Identity').value, h);
    });
  }

  it('revoking a Graph permission quotes the app id inside an OData filter inside a PowerShell literal', () => {
    const evil = "x' or appId ne '";
    const script = revokeEntraPermissionScript({ appId: evil, displayName: 'x' }, graphApp("Mail.Read'; Stop-Computer"));
    const firstFilter = argument(script.split('\n')[1], 'Filter');
    assert.equal(firstFilter.value, "appId eq 'x'' or appId ne '''");
    assert.equal(firstFilter.rest, '');
    assert.match(script, /Remove-MgServicePrincipalAppRoleAssignment/);
    assert.ok(script.includes("$_.Value -eq 'Mail.Read''; Stop-Computer'"));
    const delegated = revokeEntraPermissionScript({ appId: 'a', displayName: 'x' }, graphDelegated('Mail.Read'));
    assert.match(delegated, /Remove-MgOauth2PermissionGrant/);
    assert.match(delegated, /ConsentType -eq 'AllPrincipals'/);
  });
});
