/**
 * The query language (EXQ, a subset of KQL): parse, bind, analyze, run over arquero tables, export to KQL.
 *
 * Semantics follow KQL: string == is case-sensitive, =~ / in~ / contains / startswith / has ignore
 * case, has matches whole terms (letters and digits), datetimes are epoch-ms numbers (UTC), timespans
 * are milliseconds, strings are never null (''), order by / top sort descending by default with nulls
 * first ascending and last descending, join defaults to innerunique. Known differences: dcount is
 * exact and percentile is nearest-rank (KQL estimates both); tolong(datetime) gives epoch ms, not
 * ticks; union of columns whose types differ gives one dynamic column (KQL splits them by type);
 * groups come out in order of first appearance.
 *
 * The executor works on the column arrays of the loaded tables (rows selected by index arrays,
 * expressions compiled to closures); no text of a query or of the data is ever turned into code.
 */
export { runQuery, schemaForEnv, type QueryEnv, type QueryOptions, type QueryResult, type RenderHint } from './run';
export { analyze, type Analysis, type CallInfo } from './analysis/analyze';
export { completionContext, type CompletionContext, type CompletionKind } from './analysis/completion';
export { semanticTokens, type ClassifiedToken, type TokenClass } from './analysis/semanticTokens';
export { toKql, type KqlExport } from './kql/toKql';
export { QueryError, isCancellation } from './exec/queryError';
export type { Diagnostic, DiagnosticCode, Severity } from './diagnostics';
export { hasErrors } from './diagnostics';
export {
  catalogueSchema, extendSchema, schemaFromTables, schemaWithLoadedTables, tableInfoFromDef, inferColumnType,
  type SchemaProvider, type TableInfo, type ColumnInfo,
} from './schemaProvider';
export type { ScalarType } from './types';
export type { Binding, BoundSymbol, LetSymbol, Stage, BoundBlock } from './bind/binding';
export type { BoundColumn, RowSchema } from './bind/rowSchema';
export { bindDocument } from './bind/bindDocument';
export { parseDocument, type ParsedDocument } from './syntax/parseDocument';
export { lex } from './syntax/lexer';
export type { Token, TokenKind } from './syntax/token';
export { blockAt, blockIndexAt, listBlocks } from './syntax/blocks';
export { children, walk, nodePathAt } from './syntax/walk';
export type * as Ast from './syntax/ast';
export { operatorKeywords, joinKinds, renderKinds } from './syntax/parseOperators';
export { scalarFunctions, aggregateFunctions, findScalarFunction, findAggregate, type ScalarFunction, type AggregateFunction } from './functions';
export { LineMap, offsetToPosition, positionToOffset, type TextRange, type LinePosition } from './text/range';
export { editDistance, suggestNames } from './bind/suggest';
