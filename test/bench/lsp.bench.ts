/**
 * Bench child: the EXQ language server on a 1,000-line document, driven over the protocol in-process
 * (the real server and a JSON-RPC client crossed over two streams). Prints one JSON line.
 * Targets (issue 3): completion and hover p99 under 10 ms, full diagnostics under 20 ms.
 * Also times the value statistics the extension computes from a 1M-row AuditLogs table.
 */
import * as aq from 'arquero';
import { analyze, catalogueSchema } from '../../src/core/query';
import { datasetStatistics, type TableStatistics } from '../../src/core/query/tableStatistics';
import { tables } from '../../src/core/schema';
import { lspDiagnostics } from '../../src/server/diagnostics';
import { buildModel } from '../../src/server/documentModel';
import { LspHarness } from '../lsp/support/lspHarness';

const TARGET_LINES = 1000;
const STAT_ROWS = Number(process.env.BENCH_LSP_STAT_ROWS ?? 1_000_000);

function hunt(i: number): string {
  const templates = [
    `// ${i}: who read mail they do not own\nlet since${i} = ago(${i % 30 + 1}d);\nAuditLogs\n| where Time > since${i} and Operation == "MailItemsAccessed"\n| where UserId != MailboxOwnerUPN and isnotempty(MailboxOwnerUPN)\n| extend Day = bin(Time, 1d), Upn = tolower(UserId)\n| summarize Reads = count(), Mailboxes = dcount(MailboxOwnerUPN) by Upn, Day\n| where Reads > ${i}\n| order by Reads desc\n| take 100`,
    `// ${i}: new FullAccess grants\nAuditLogs\n| where Operation in ("Add-MailboxPermission", "Add-RecipientPermission")\n| extend Target = tostring(Parameters.Identity), Rights = tostring(Parameters.AccessRights)\n| project Time, UserId, Target, Rights, ClientIp\n| top ${i + 5} by Time desc`,
    `// ${i}: sign-ins of the accounts that read mail\nlet readers${i} = AuditLogs\n    | where Operation == "MailItemsAccessed"\n    | distinct UserId;\nSignIns\n| where UserPrincipalName in (readers${i})\n| summarize Attempts = count(), Failures = countif(ErrorCode != 0) by UserPrincipalName, IpAddress\n| where Failures > ${i % 7}`,
    `// ${i}: consent to apps\nDirectoryAudits\n| where Operation has "Consent" or Operation startswith "Add app role"\n| mv-expand TargetResources\n| extend App = tostring(TargetResources.displayName)\n| summarize Grants = count(), First = min(Time), Last = max(Time) by App, InitiatedByUser\n| order by Grants desc\n| take ${i + 1}`,
    `// ${i}: hourly access volume\nAuditLogs\n| where Workload == "Exchange" and RecordType =~ "ExchangeItem"\n| summarize Events = count() by bin(Time, 1h), Operation\n| extend Hour = hourofday(Time), Label = strcat(Operation, "-", tostring(${i}))\n| render timechart`,
  ];
  return templates[i % templates.length]!;
}

function documentOf(lines: number): string {
  const blocks: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const b = hunt(i);
    blocks.push(b);
    count += b.split('\n').length + 1;
  }
  return blocks.join('\n\n');
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const summary = (values: number[]): { p50: number; p99: number; max: number; n: number } => ({
  p50: round(percentile(values, 50)), p99: round(percentile(values, 99)), max: round(Math.max(...values)), n: values.length,
});
const round = (x: number): number => Math.round(x * 100) / 100;

/** Offsets in `text` where a user asks for completion: after pipes, in expressions, inside value strings. */
function completionOffsets(text: string, n: number): number[] {
  const out: number[] = [];
  const patterns = [/\| /g, /where /g, /== "/g, /by /g, /in \(/g];
  for (const rx of patterns) {
    for (const m of text.matchAll(rx)) out.push(m.index + m[0].length);
  }
  const step = Math.max(1, Math.floor(out.length / n));
  return out.filter((_, i) => i % step === 0).slice(0, n);
}

function hoverOffsets(text: string, n: number): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/\b(Operation|UserId|Time|MailboxOwnerUPN|count|dcount|bin|tolower|AuditLogs|since\d+)\b|"MailItemsAccessed"|"Add-MailboxPermission"/g)) out.push(m.index + 2);
  const step = Math.max(1, Math.floor(out.length / n));
  return out.filter((_, i) => i % step === 0).slice(0, n);
}

function statisticsTable(rows: number): aq.ColumnTable {
  const pick = <T>(values: readonly T[], i: number, spread: number): T => values[(i * 2654435761 >>> 0) % Math.min(values.length, spread)]!;
  const ops = ['MailItemsAccessed', 'Send', 'Add-MailboxPermission', 'UserLoggedIn', 'New-InboxRule', 'FolderBind', 'Update', 'SoftDelete'];
  const users = Array.from({ length: 5000 }, (_, i) => `user${i}@contoso.com`);
  const def = tables.find((t) => t.name === 'AuditLogs')!;
  const columns: Record<string, unknown[] | Float64Array> = {};
  for (const c of def.columns) {
    if (c.type === 'datetime') columns[c.name] = Float64Array.from({ length: rows }, (_, i) => 1_700_000_000_000 + i * 1000);
    else if (c.categorical) columns[c.name] = Array.from({ length: rows }, (_, i) => (c.name === 'Operation' ? pick(ops, i, 8) : pick(users, i + c.name.length, 5000)));
  }
  return aq.table(columns);
}

/** Value statistics as the extension computes them; the table is dropped afterwards (the server never holds it). */
function timedStatistics(rows: number): { stats: TableStatistics[]; ms: number } {
  const table = statisticsTable(rows);
  const t0 = performance.now();
  const stats = datasetStatistics({ AuditLogs: table });
  return { stats, ms: performance.now() - t0 };
}

function timed(runs: number, f: () => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    out.push(performance.now() - t0);
  }
  return out;
}

async function main(): Promise<void> {
  const text = documentOf(TARGET_LINES);
  const lines = text.split('\n').length;
  // What the server is sent has the same shape at any size (top values per column): a small table
  // keeps the million-row one out of the heap while the server is timed; that one is timed last.
  const { stats } = timedStatistics(10_000);

  // The server's own work for full diagnostics (block-wise analysis + conversion), and the core's
  // analysis of the whole document in one piece, for reference.
  const schema = catalogueSchema();
  const diagnosticsCompute = timed(30, () => lspDiagnostics(buildModel(text, 1, schema, 0)));
  const wholeAnalysis = timed(10, () => analyze(text, schema));

  const lsp = await LspHarness.start();
  await lsp.sendStatistics({ tables: stats });

  // Full diagnostics: open a new document (nothing cached), until its diagnostics arrive.
  const coldDiagnostics: number[] = [];
  let diagnosticCount = 0;
  for (let i = 0; i < 15; i++) {
    const uri = `file:///bench/cold${i}.exq`;
    const t0 = performance.now();
    diagnosticCount = (await lsp.open(uri, text)).length;
    coldDiagnostics.push(performance.now() - t0);
    await lsp.close(uri);
  }

  const uri = 'file:///bench/doc.exq';
  await lsp.open(uri, text);

  // Diagnostics after typing one character in the middle of the document.
  const editDiagnostics: number[] = [];
  const middle = text.indexOf('| take 100', Math.floor(text.length / 2)) + '| take 10'.length;
  // Alternately types a digit and deletes it again, so the text ends as it began.
  for (let i = 0; i < 40; i++) {
    const start = lsp.position(uri, middle);
    const edit = i % 2 === 0
      ? { range: { start, end: start }, newText: '1' }
      : { range: { start, end: lsp.position(uri, middle + 1) }, newText: '' };
    const t0 = performance.now();
    await lsp.edit(uri, [edit]);
    editDiagnostics.push(performance.now() - t0);
  }

  const current = lsp.text(uri);
  const completion: number[] = [];
  let completionItems = 0;
  for (const offset of completionOffsets(current, 300)) {
    const t0 = performance.now();
    completionItems += (await lsp.completion(uri, offset)).length;
    completion.push(performance.now() - t0);
  }

  // Completion right after an edit (the request itself re-analyses the changed block).
  const completionAfterEdit: number[] = [];
  const typing = completionOffsets(current, 60);
  for (const offset of typing) {
    const at = lsp.position(uri, offset);
    const published = lsp.edit(uri, [{ range: { start: at, end: at }, newText: 'x' }]);
    const t0 = performance.now();
    await lsp.completion(uri, offset + 1);
    completionAfterEdit.push(performance.now() - t0);
    await published;
    const end = lsp.position(uri, offset + 1);
    await lsp.edit(uri, [{ range: { start: at, end }, newText: '' }]);
  }

  const hover: number[] = [];
  let hovers = 0;
  for (const offset of hoverOffsets(current, 300)) {
    const t0 = performance.now();
    if (await lsp.hover(uri, offset)) hovers++;
    hover.push(performance.now() - t0);
  }

  lsp.dispose();
  const statisticsMs = timedStatistics(STAT_ROWS).ms;
  const result = {
    bench: 'lsp',
    lines,
    blocks: text.split('\n\n').length,
    diagnostics: diagnosticCount,
    fullDiagnosticsMs: summary(coldDiagnostics),
    fullDiagnosticsComputeMs: summary(diagnosticsCompute),
    editDiagnosticsMs: summary(editDiagnostics),
    completionMs: summary(completion),
    completionAfterEditMs: summary(completionAfterEdit),
    hoverMs: summary(hover),
    completionItems: Math.round(completionItems / Math.max(1, completion.length)),
    hoversWithContent: hovers,
    wholeDocumentAnalyzeMs: round(percentile(wholeAnalysis, 50)),
    statisticsRows: STAT_ROWS,
    statisticsMs: round(statisticsMs),
    ms: round(percentile(coldDiagnostics, 50)),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
