/**
 * KQL export: rewrites a query for Microsoft Sentinel's tables. Catalogue tables become their
 * Sentinel tables (AuditLogs -> OfficeActivity), columns their Sentinel columns (Time ->
 * TimeGenerated); columns Sentinel computes differently get an `extend` right after the table
 * (City = tostring(LocationDetails.city)). Output names that would change with a renamed column
 * are kept by naming them explicitly (Time = bin(TimeGenerated, 1h)).
 */
import { bindDocument } from '../bind/bindDocument';
import type { Binding, BoundSymbol } from '../bind/binding';
import { exprName } from '../bind/exprName';
import { diag, type Diagnostic } from '../diagnostics';
import { findAggregate } from '../functions';
import { catalogueSchema, type SchemaProvider } from '../schemaProvider';
import type { Expr, NamedExpr, Node, Pipeline } from '../syntax/ast';
import { parseDocument } from '../syntax/parseDocument';
import { walk } from '../syntax/walk';
import { sentinelColumnOf, sentinelTableOf } from './sentinelMapping';

export interface KqlExport {
  /** false when the query has errors (then `kql` is the unchanged text). */
  readonly ok: boolean;
  readonly kql: string;
  /** Errors of the query, and warnings for columns Sentinel does not have. */
  readonly diagnostics: readonly Diagnostic[];
}

interface Edit { readonly start: number; readonly end: number; readonly text: string }

export function toKql(text: string, schema: SchemaProvider = catalogueSchema()): KqlExport {
  const binding = bindDocument(parseDocument(text), schema);
  const errors = binding.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) return { ok: false, kql: text, diagnostics: errors };
  const edits: Edit[] = [];
  const warnings: Diagnostic[] = [];
  const preludes = new Map<string, Map<string, string>>(); // table -> column -> kql expression
  const renameOf = (sym: BoundSymbol | undefined): string | undefined => {
    if (sym?.kind !== 'column' || !sym.column.origin || sym.column.origin.column !== sym.column.name) return undefined;
    const m = sentinelColumnOf(schema, sym.column.origin.table, sym.column.origin.column);
    return m?.kind === 'rename' && m.name !== sym.column.name ? m.name : undefined;
  };
  const warned = new Set<string>();
  const noteColumn = (node: Node, sym: BoundSymbol | undefined): void => {
    if (sym?.kind !== 'column' || !sym.column.origin || sym.column.origin.column !== sym.column.name) return;
    const { table, column } = sym.column.origin;
    const m = sentinelColumnOf(schema, table, column);
    if (m?.kind === 'expression') {
      const cols = preludes.get(table) ?? new Map<string, string>();
      cols.set(column, m.kql);
      preludes.set(table, cols);
    } else if (m?.kind === 'none' && !warned.has(`${table}.${column}`)) {
      warned.add(`${table}.${column}`);
      warnings.push(diag('no-sentinel-column', node, `${table}.${column} is computed by exo-audit and has no column in Sentinel's ${sentinelTableOf(schema, table) ?? table}.`, undefined, 'warning'));
    }
  };

  // 1. Column references.
  for (const [node, sym] of binding.symbols) {
    const name = node.kind === 'NameRef' ? node.name : node.kind === 'Name' ? node : undefined;
    if (!name) continue;
    noteColumn(name, sym);
    const to = renameOf(sym);
    if (to) edits.push({ start: name.start, end: name.end, text: to });
  }
  // 2. Join conditions `on Col` whose sides map to different Sentinel names.
  for (const block of binding.document.blocks) {
    walk(block, (n) => {
      if (n.kind !== 'JoinCondition' || n.left !== n.right) return;
      const l = renameOf(binding.symbols.get(n.left)) ?? n.left.name;
      const join = findJoin(binding, n);
      const r = join ? rightNameOf(binding, schema, join, n.right.name) : n.right.name;
      if (l !== r) {
        dropEditAt(edits, n.left.start);
        edits.push({ start: n.start, end: n.end, text: `$left.${l} == $right.${r}` });
      }
    });
  }
  // 3. Names KQL would derive differently after renaming: name them explicitly.
  for (const [item, ourName] of binding.itemNames) {
    if (item.name) continue;
    const inner = item.expr.kind === 'Paren' ? item.expr.expr : item.expr;
    // A column passed through keeps its origin: later references are renamed along with it.
    if (inner.kind === 'NameRef' && binding.symbols.get(inner)?.kind === 'column') continue;
    const theirName = derivedName(binding, item, (n) => renameOf(binding.symbols.get(n)) ?? n.name.name);
    if (theirName !== ourName) edits.push({ start: item.start, end: item.start, text: `${ourName} = ` });
  }
  // 4. Tables.
  for (const [node, sym] of binding.symbols) {
    if (sym.kind !== 'table' || (node.kind !== 'TableRef' && node.kind !== 'NameRef')) continue;
    const table = sym.table.name;
    const sentinel = sentinelTableOf(schema, table);
    if (!sentinel) continue;
    const cols = preludes.get(table);
    const range = node.kind === 'TableRef' ? node.name : node.name;
    if (!cols || cols.size === 0) {
      edits.push({ start: range.start, end: range.end, text: sentinel });
      continue;
    }
    const extend = `extend ${[...cols].map(([c, k]) => `${c} = ${k}`).join(', ')}`;
    const head = node.kind === 'TableRef' && pipelineHeadedBy(binding, node);
    edits.push({ start: range.start, end: range.end, text: head ? `${sentinel}\n| ${extend}` : `(${sentinel} | ${extend})` });
  }
  return { ok: true, kql: applyEdits(text, edits), diagnostics: warnings };
}

function dropEditAt(edits: Edit[], start: number): void {
  const i = edits.findIndex((e) => e.start === start && e.end > e.start);
  if (i >= 0) edits.splice(i, 1);
}

function derivedName(binding: Binding, item: NamedExpr, nameOf: (n: Extract<Expr, { kind: 'NameRef' }>) => string): string | undefined {
  const e = item.expr;
  const renamedExpr = (x: Expr): string | undefined => exprNameWith(x, nameOf);
  const agg = e.kind === 'Call' ? findAggregate(e.callee.name) : undefined;
  if (agg && binding.types.has(e) && agg.shape === 'value') {
    const first = e.kind === 'Call' && e.args[0] ? renamedExpr(e.args[0]) : undefined;
    return agg.defaultName(first, e.kind === 'Call' ? e.args.map((a) => (a.kind === 'Literal' ? a.value : undefined)) : []);
  }
  return renamedExpr(e);
}

/** exprName with the names of column references replaced. */
function exprNameWith(e: Expr, nameOf: (n: Extract<Expr, { kind: 'NameRef' }>) => string): string | undefined {
  const clone = (x: Expr): Expr => {
    switch (x.kind) {
      case 'NameRef': return { ...x, name: { ...x.name, name: nameOf(x) } };
      case 'Paren': return { ...x, expr: clone(x.expr) };
      case 'Member': return { ...x, target: clone(x.target) };
      case 'Index': return { ...x, target: clone(x.target) };
      case 'Call': return { ...x, args: x.args.map(clone) };
      default: return x;
    }
  };
  return exprName(clone(e));
}

function findJoin(binding: Binding, cond: Node): Extract<Node, { kind: 'Join' }> | undefined {
  for (const op of binding.joinPlans.keys()) {
    if (op.kind === 'Join' && op.on.includes(cond as never)) return op;
  }
  return undefined;
}

function rightNameOf(binding: Binding, schema: SchemaProvider, join: Extract<Node, { kind: 'Join' }>, name: string): string {
  const right = binding.pipelineSchemas.get(join.right);
  const col = right?.columns.find((c) => c.name === name);
  if (!col?.origin || col.origin.column !== col.name) return name;
  const m = sentinelColumnOf(schema, col.origin.table, col.origin.column);
  return m?.kind === 'rename' ? m.name : name;
}

/** Whether the table reference starts a pipeline that may take one more `| extend` after it. */
function pipelineHeadedBy(binding: Binding, node: Node): boolean {
  for (const p of binding.pipelineSchemas.keys()) {
    if (p.source !== node) continue;
    return p.operators.length > 0 || isStatementBody(binding, p);
  }
  return false;
}

function isStatementBody(binding: Binding, p: Pipeline): boolean {
  return binding.blocks.some((b) => b.block.statements.some((s) => (s.kind === 'Query' ? s.body === p : s.value === p)));
}

function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let lastStart = Infinity;
  for (const e of sorted) {
    if (e.end > lastStart) continue; // overlapping edits: keep the later one
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    lastStart = e.start;
  }
  return out;
}
