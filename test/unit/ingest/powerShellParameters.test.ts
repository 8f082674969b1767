import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { toNameValueBag } from '../../../src/core/ingest/convert';
import { parsePowerShellParameters } from '../../../src/core/ingest/powerShellParameters';

const plain = (bag: Record<string, unknown> | null): Record<string, unknown> | null => (bag === null ? null : { ...bag });

describe('ingest: PowerShell parameter strings (Security & Compliance cmdlets)', function () {
  it('reads a compliance search as the audit log writes it', function () {
    assert.deepEqual(plain(parsePowerShellParameters(`-Name "Q3 vendor review" -ExchangeLocation "All" -ContentMatchQuery 'password OR "wire transfer" OR "bank details"'`)), {
      Name: 'Q3 vendor review', ExchangeLocation: 'All', ContentMatchQuery: 'password OR "wire transfer" OR "bank details"',
    });
  });

  it('switches read "True"; -Name:value; values that are not one quoted string stay as written', function () {
    assert.deepEqual(plain(parsePowerShellParameters('-SearchName "Q3" -Export -Format FxStream -Confirm:$false -ExchangeLocation "a@x","b@x" -Offset -5')), {
      SearchName: 'Q3', Export: 'True', Format: 'FxStream', Confirm: '$false', ExchangeLocation: '"a@x","b@x"', Offset: '-5',
    });
  });

  it('undoes doubled and escaped quotes, and keeps dashes inside quotes', function () {
    assert.deepEqual(plain(parsePowerShellParameters(`-A 'it''s' -B "say ""hi"" and \`"bye\`"" -C "x -D y"`)), { A: "it's", B: 'say "hi" and "bye"', C: 'x -D y' });
  });

  it('the first spelling of a name wins; __proto__ is not a name', function () {
    const bag = parsePowerShellParameters('-Identity a -identity b -Identity c -__proto__ x')!;
    assert.deepEqual(plain(bag), { Identity: 'a', identity: 'b' });
    assert.equal(Object.getPrototypeOf(bag), null);
  });

  it('text that is not a parameter list gives null', function () {
    for (const t of ['', 'Identity x', '-', '- Name x', '-Name"x"', 'just words -Name x']) assert.equal(parsePowerShellParameters(t), null, t);
  });

  it('the Parameters converter reads such strings; JSON lists still take their own path', function () {
    assert.deepEqual(plain(toNameValueBag('-Identity "Q3"')), { Identity: 'Q3' });
    assert.deepEqual(plain(toNameValueBag('[{"Name":"Identity","Value":"x@y"}]')), { Identity: 'x@y' });
    assert.equal(toNameValueBag('free text'), null);
  });

  it('any names and values written in single quotes come back exactly', function () {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,12}$/);
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(name, fc.string()), { selector: ([n]) => n, maxLength: 6 }), (pairs) => {
      fc.pre(pairs.length > 0 && pairs.every(([n]) => n !== '__proto__'));
      const text = pairs.map(([n, v]) => `-${n} '${v.replaceAll("'", "''")}'`).join(' ');
      assert.deepEqual(plain(parsePowerShellParameters(text)), Object.fromEntries(pairs));
    }));
  });
});
