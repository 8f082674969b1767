/**
 * EXQ is a subset of KQL: every query the query tests accept parses with no syntax error in the
 * official Kusto parser (@kusto/language-service-next), and so does its Sentinel export.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, catalogueSchema, listBlocks, parseDocument, toKql } from '../../../src/core/query';
import { acceptedQueries } from './acceptedQueries';
import { reservedWords } from '../../../src/core/query/syntax/reservedWords';
import { kustoAnalysis, kustoReservedWords, kustoSyntaxErrors } from './support/kustoParser';
import { pipeline } from './support/pipelines';

// Load every query test file so the list is complete even when this file runs alone.
for (const f of fs.readdirSync(__dirname)) {
  if (f.endsWith('.test.ts') && f !== path.basename(__filename)) require(path.join(__dirname, f));
}

/** Where EXQ knowingly differs from Kusto's semantic analyzer (which is not the engine): */
const knownSemanticDifferences = [
  // Kusto types dynamic literals and wants an array here; EXQ returns null for a bag.
  { in: 'array_length(dynamic({}))' },
  // Kusto's analyzer keeps every column for union kind=inner; the engine (and EXQ) keep the common ones.
  { in: 'union kind=inner' },
  // The Bridge.NET analyzer itself breaks on such names (they are plain data in EXQ).
  { in: "['__proto__']" },
];

/** Kusto Explorer sends each blank-line-separated block as its own query: check them one by one. */
function kustoErrorsByBlock(text: string): string[] {
  return listBlocks(parseDocument(text)).flatMap((b) => kustoSyntaxErrors(text.slice(b.start, b.end)));
}

describe('query KQL compatibility (official Kusto parser)', () => {
  it('has the accepted queries of the other tests to check', () => {
    assert.ok(acceptedQueries.length >= 200, `only ${acceptedQueries.length} accepted queries registered`);
  });

  it('every accepted query parses here and in Kusto with no syntax error', () => {
    const failures: string[] = [];
    for (const q of acceptedQueries) {
      const ours = parseDocument(q).diagnostics.filter((d) => d.severity === 'error');
      if (ours.length) failures.push(`our parser rejects ${JSON.stringify(q)}: ${ours.map((d) => d.message).join('; ')}`);
      const errors = kustoErrorsByBlock(q);
      if (errors.length) failures.push(`${JSON.stringify(q)}\n    ${errors.join('\n    ')}`);
    }
    assert.deepEqual(failures, []);
  });

  it('the Sentinel export of every accepted query over the catalogue tables parses in Kusto', () => {
    const failures: string[] = [];
    let exported = 0;
    for (const q of acceptedQueries) {
      const r = toKql(q);
      // Queries over tables outside the catalogue (given their own schema in a test) have nothing to map.
      if (!r.ok && r.diagnostics.every((d) => d.code === 'unknown-table')) continue;
      exported++;
      if (!r.ok) { failures.push(`export failed: ${q}: ${r.diagnostics.map((d) => d.message).join('; ')}`); continue; }
      const errors = kustoErrorsByBlock(r.kql);
      if (errors.length) failures.push(`${JSON.stringify(r.kql)}\n    ${errors.join('\n    ')}`);
    }
    assert.deepEqual(failures, []);
    assert.ok(exported >= acceptedQueries.length * 0.95, `only ${exported} of ${acceptedQueries.length} exported`);
  });

  const schema = catalogueSchema();
  const catalogueTables = schema.tableNames().map((n) => schema.table(n)!);

  it('Kusto\'s semantic analyzer finds no error in them and gives the same result columns', () => {
    const tables = catalogueTables;
    const failures: string[] = [];
    let compared = 0;
    for (const q of acceptedQueries) {
      for (const b of listBlocks(parseDocument(q))) {
        const text = q.slice(b.start, b.end);
        const ours = analyze(text, schema);
        if (ours.diagnostics.some((d) => d.severity === 'error')) continue; // other tables than the catalogue's
        const theirs = kustoAnalysis(text, tables);
        if (!theirs) continue;
        const known = knownSemanticDifferences.find((k) => text.includes(k.in));
        if (known) continue;
        compared++;
        if (theirs.errors.length) { failures.push(`${JSON.stringify(text)}: ${theirs.errors.join('; ')}`); continue; }
        const mine = ours.binding.blocks[0]?.resultSchema?.columns.map((c) => c.name) ?? [];
        if (mine.join(',') !== theirs.columns.join(',')) failures.push(`${JSON.stringify(text)}\n    ours:  ${mine.join(', ')}\n    kusto: ${theirs.columns.join(', ')}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(compared >= acceptedQueries.length * 0.9, `only ${compared} compared`);
  });

  it('a generated pipeline EXQ accepts is accepted by Kusto\'s analyzer too, with the same result columns', () => {
    const tables = catalogueTables;
    let compared = 0;
    fc.assert(
      fc.property(pipeline(4), (q) => {
        const ours = analyze(q, schema);
        if (ours.diagnostics.some((d) => d.severity === 'error')) return;
        const theirs = kustoAnalysis(q, tables);
        if (!theirs) return;
        compared++;
        assert.deepEqual(theirs.errors, [], q);
        assert.deepEqual(ours.binding.blocks[0]?.resultSchema?.columns.map((c) => c.name), theirs.columns, q);
      }),
      { numRuns: 500, seed: 20240301 },
    );
    assert.ok(compared >= 100, `only ${compared} accepted pipelines compared`);
  });

  it('the reserved words are Kusto\'s keywords that cannot be names', () => {
    assert.deepEqual([...reservedWords].sort(), kustoReservedWords());
  });

  it('the Kusto parser does report errors (the check can fail)', () => {
    assert.notDeepEqual(kustoSyntaxErrors('AuditLogs | where | summarize by'), []);
  });
});
