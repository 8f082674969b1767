/**
 * A query from a shared notebook, or audit data from an attacker, must not run code. Payloads in
 * every place a query or the data can hold text: nothing executes, nothing crashes, text stays text.
 */
import * as assert from 'node:assert/strict';
import * as aq from 'arquero';
import { QueryError, runQuery, type QueryResult } from '../../../src/core/query';
import { accepted } from './acceptedQueries';
import { NOW, tables } from './support/fixtures';

type Pwned = typeof globalThis & { __exqPwned?: number };
const g = globalThis as Pwned;

const payloads = [
  '"', "'", '`', '\\', '${globalThis.__exqPwned = 1}', '`${globalThis.__exqPwned = 2}`', 'constructor', '__proto__', 'prototype',
  'process.exit(3)', 'this.constructor.constructor("globalThis.__exqPwned = 4")()', 'd => (globalThis.__exqPwned = 5)',
  '"); globalThis.__exqPwned = 6; ("', "') || (globalThis.__exqPwned = 7) || ('", 'op.x(d) + (globalThis.__exqPwned = 8)',
  '\u0000\u2028\u2029', '(?=a)*+[', 'toString', 'valueOf', 'hasOwnProperty',
];

/** KQL string literal for any text (double quotes, backslash escapes). */
const str = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
/** KQL bracketed name for any text. */
const bracket = (s: string): string => `['${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;

async function settle(query: string, data = tables()): Promise<QueryResult | QueryError> {
  try {
    return await runQuery(query, { tables: data, now: NOW });
  } catch (e) {
    assert.ok(e instanceof QueryError, `not a QueryError for ${query}: ${String(e)}`);
    return e;
  }
}

describe('query injection payloads', () => {
  beforeEach(() => {
    delete g.__exqPwned;
  });
  afterEach(() => {
    assert.equal(g.__exqPwned, undefined, 'a payload ran');
  });

  const literalQueries = payloads.flatMap((p) => [
    accepted(`AuditLogs | where UserId == ${str(p)} | count`),
    accepted(`AuditLogs | where ClientInfoString has ${str(p)} or UserId contains ${str(p)} | project Id`),
    accepted(`print x = strcat(${str(p)}, ${str(p)}), y = strlen(${str(p)}), z = pack(${str(p)}, ${str(p)})`),
    accepted(`AuditLogs | extend ${bracket(p)} = ${str(p)} | project Id, ${bracket(p)} | take 1`),
    accepted(`AuditLogs | project x = Parameters[${str(p)}], y = tostring(Parameters[${str(p)}]) | take 3`),
    accepted(`AuditLogs | summarize n = count() by k = ${str(p)}`),
    accepted(`datatable(a:string)[${str(p)}] | where a == ${str(p)} | extend b = replace_string(a, ${str(p)}, "x")`),
  ]);

  it('payloads in string literals, names and keys are plain text', async () => {
    for (const q of literalQueries) {
      const r = await settle(q);
      assert.ok(!(r instanceof QueryError), `${q} failed: ${r instanceof QueryError ? r.message : ''}`);
      assert.ok(r.ok, `${q}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
    }
    const p = '${globalThis.__exqPwned = 1}';
    const r = await settle(`print x = ${str(p)}`);
    assert.ok(!(r instanceof QueryError));
    assert.deepEqual(r.table.objects(), [{ x: p }]);
    const named = await settle(`print ${bracket('__proto__')} = 1, ${bracket('constructor')} = 2`);
    assert.ok(!(named instanceof QueryError));
    assert.deepEqual(named.table.columnNames(), ['__proto__', 'constructor']);
    assert.deepEqual(Array.from(named.table.array('__proto__')), [1]);
  });

  it('payloads as raw query text give diagnostics, never execution', async () => {
    for (const p of payloads) {
      for (const q of [p, `AuditLogs | where ${p}`, `AuditLogs | extend x = ${p}`, `AuditLogs | ${p}`, `let x = ${p};\nAuditLogs | count`]) {
        const r = await settle(q);
        if (!(r instanceof QueryError) && !r.ok) {
          for (const d of r.diagnostics) assert.ok(d.range.start >= 0 && d.range.end <= q.length);
        }
      }
    }
  });

  it('member access never reaches the prototype chain', async () => {
    const r = await settle('AuditLogs | where Id == "r3" | project a = Parameters.constructor, b = Parameters.__proto__, c = Parameters["toString"], d = Parameters.hasOwnProperty, e = Folders.length');
    assert.ok(!(r instanceof QueryError) && r.ok);
    assert.deepEqual(r.table.objects(), [{ a: null, b: null, c: null, d: null, e: null }]);
  });

  it('regex payloads are reported or fail as a QueryError, not a crash', async () => {
    const r = await settle('AuditLogs | where UserId matches regex "(?=a)*+["');
    assert.ok(!(r instanceof QueryError));
    assert.equal(r.ok, false);
    assert.equal(r.diagnostics[0]!.code, 'bad-regex');
    const runtime = await settle('AuditLogs | extend p = strcat("(", Id) | where UserId matches regex p');
    assert.ok(runtime instanceof QueryError);
    assert.equal(runtime.operator, 'where');
    assert.match(runtime.message, /regular expression/i);
  });

  it('attacker-controlled data values stay data through every operator', async () => {
    const data = {
      AuditLogs: aq.table({
        Time: Float64Array.from(payloads.map((_, i) => i)),
        UserId: payloads,
        Operation: payloads.map((p) => `op ${p}`),
        Parameters: payloads.map((p) => JSON.parse(JSON.stringify({ [p]: p, __proto__x: p })) as unknown),
        Folders: payloads.map((p) => [{ Path: p }]),
      }),
    };
    const queries = [
      'AuditLogs | summarize n = count() by UserId | order by UserId asc',
      'AuditLogs | extend x = strcat(UserId, "!"), y = toupper(UserId), z = tostring(Parameters) | where UserId has "constructor" or x contains "$"',
      'AuditLogs | mv-expand Folders | project p = tostring(Folders.Path) | distinct p',
      'AuditLogs | mv-expand Parameters | extend k = tostring(bag_keys(Parameters)[0]) | summarize make_set(k)',
      'AuditLogs | join kind=inner (AuditLogs | project UserId, T2 = Time) on UserId | count',
      'AuditLogs | where UserId in ("__proto__", "constructor", "${globalThis.__exqPwned = 1}") | project UserId',
    ];
    for (const q of queries) {
      const r = await settle(q, data);
      assert.ok(!(r instanceof QueryError) && r.ok, q);
    }
    const r = await settle(queries[5]!, data);
    assert.ok(!(r instanceof QueryError));
    assert.deepEqual(Array.from(r.table.array('UserId')), ['${globalThis.__exqPwned = 1}', 'constructor', '__proto__']);
  });
});
