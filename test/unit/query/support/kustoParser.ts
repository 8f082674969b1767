/** The official Kusto parser (a Bridge.NET build), loaded once, used to check that accepted queries are KQL. */
import { createRequire } from 'node:module';
import * as path from 'node:path';

interface KustoDiagnostic { Message: string; Start: number; Length: number }
interface BridgeList<T> { Count?: number; getItem?(i: number): T; length?: number; [i: number]: T }
interface KustoCodeApi { GetSyntaxDiagnostics(): BridgeList<KustoDiagnostic> }
interface KustoAnalyzed {
  GetDiagnostics(): BridgeList<KustoDiagnostic & { Severity: string }>;
  ResultType: { Columns?: BridgeList<{ Name: string }> } | null;
}

interface KustoGlobal {
  Language: {
    KustoCode: { Parse(text: string): KustoCodeApi; ParseAndAnalyze(text: string, globals: unknown): KustoAnalyzed };
    GlobalState: { Default: { WithDatabase(db: unknown): unknown } };
    Symbols: {
      TableSymbol: { $ctor7: new (name: string, schema: string, description: string | null) => unknown };
      DatabaseSymbol: { ctor: new (name: string, members: unknown[]) => unknown };
    };
    KustoFacts: { CanBeIdentifier(text: string): boolean };
    Syntax: { SyntaxKind: Record<string, unknown>; SyntaxFacts: { IsKeyword(kind: number): boolean; GetText(kind: number): string | null } };
  };
}

let kusto: KustoGlobal | undefined;

function load(): KustoGlobal {
  if (kusto) return kusto;
  const req = createRequire(__filename);
  const dir = path.dirname(req.resolve('@kusto/language-service-next/package.json'));
  req(path.join(dir, 'bridge.min.js'));
  req(path.join(dir, 'Kusto.Language.Bridge.min.js'));
  kusto = (globalThis as unknown as { Kusto: KustoGlobal }).Kusto;
  return kusto;
}

function toArray<T>(list: BridgeList<T>): T[] {
  if (Array.isArray(list)) return list as T[];
  const out: T[] = [];
  const n = list.Count ?? 0;
  for (let i = 0; i < n; i++) out.push(list.getItem!(i));
  return out;
}

/** Syntax errors the official Kusto parser reports for `text` (empty when it parses cleanly). */
export function kustoSyntaxErrors(text: string): string[] {
  const code = load().Language.KustoCode.Parse(text);
  return toArray(code.GetSyntaxDiagnostics()).map((d) => `${d.Message} at ${d.Start}: ${JSON.stringify(text.slice(d.Start, d.Start + Math.max(d.Length, 10)))}`);
}

/** Kusto's keywords that cannot be plain identifiers (identifier-shaped ones only). */
export function kustoReservedWords(): string[] {
  const k = load().Language;
  const out = new Set<string>();
  for (const v of Object.values(k.Syntax.SyntaxKind)) {
    if (typeof v !== 'number' || !k.Syntax.SyntaxFacts.IsKeyword(v)) continue;
    const text = k.Syntax.SyntaxFacts.GetText(v);
    if (text && /^[A-Za-z_][A-Za-z0-9_]*$/.test(text) && !k.KustoFacts.CanBeIdentifier(text)) out.add(text);
  }
  return [...out].sort();
}

const globalsCache = new WeakMap<object, unknown>();

/** What Kusto's semantic analyzer makes of a query over the given tables: result column names and errors. */
export function kustoAnalysis(text: string, tables: ReadonlyArray<{ name: string; columns: ReadonlyArray<{ name: string; type: string }> }>): { columns: string[]; errors: string[] } | undefined {
  const k = load().Language;
  let globals = globalsCache.get(tables);
  if (!globals) {
    const symbols = tables.map((t) => new k.Symbols.TableSymbol.$ctor7(t.name, `(${t.columns.map((c) => `['${c.name}']:${c.type}`).join(', ')})`, null));
    globals = k.GlobalState.Default.WithDatabase(new k.Symbols.DatabaseSymbol.ctor('db', symbols));
    globalsCache.set(tables, globals);
  }
  try {
    const code = k.KustoCode.ParseAndAnalyze(text, globals);
    const errors = toArray(code.GetDiagnostics()).filter((d) => d.Severity === 'Error').map((d) => d.Message);
    const cols = code.ResultType?.Columns;
    return { columns: cols ? toArray(cols).map((c) => c.Name) : [], errors };
  } catch {
    // The Bridge.NET build keeps names in plain objects: names such as hasOwnProperty break it.
    return undefined;
  }
}
