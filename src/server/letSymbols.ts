/** Go-to-definition, references, highlights and rename of `let` names (per block: lets do not cross blocks). */
import { DocumentHighlightKind, ResponseError, ErrorCodes, type DocumentHighlight, type Range, type TextEdit } from 'vscode-languageserver';
import { operatorKeywords, type SchemaProvider, type TextRange } from '../core/query';
import type { DocumentModel } from './documentModel';

const reserved: ReadonlySet<string> = new Set([
  ...operatorKeywords, 'let', 'by', 'on', 'kind', 'asc', 'desc', 'and', 'or', 'not', 'in', 'has', 'contains', 'startswith',
  'endswith', 'between', 'matches', 'regex', 'true', 'false', 'with', 'to', 'typeof', 'datatable', 'dynamic', 'datetime', 'timespan',
]);

/** Document-offset ranges of the let name at offset: the declaration first, then every use. */
function letRanges(model: DocumentModel, offset: number): TextRange[] | undefined {
  const block = model.blockAt(offset);
  const refs = block.analysis.referencesAt(offset - block.start);
  return refs?.map((r) => ({ start: r.start + block.start, end: r.end + block.start }));
}

export function definition(model: DocumentModel, offset: number): Range | null {
  const block = model.blockAt(offset);
  const def = block.analysis.definitionAt(offset - block.start);
  return def ? model.blockRange(block, def) : null;
}

export function references(model: DocumentModel, offset: number, includeDeclaration: boolean): Range[] {
  const ranges = letRanges(model, offset) ?? [];
  return (includeDeclaration ? ranges : ranges.slice(1)).map((r) => model.range(r));
}

export function highlights(model: DocumentModel, offset: number): DocumentHighlight[] {
  return (letRanges(model, offset) ?? []).map((r, i) => ({ range: model.range(r), kind: i === 0 ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
}

export function prepareRename(model: DocumentModel, offset: number): { range: Range; placeholder: string } | null {
  const hit = (letRanges(model, offset) ?? []).find((r) => r.start <= offset && offset <= r.end);
  return hit ? { range: model.range(hit), placeholder: model.text.slice(hit.start, hit.end) } : null;
}

export function rename(model: DocumentModel, offset: number, newName: string, schema: SchemaProvider): TextEdit[] {
  const ranges = letRanges(model, offset);
  if (!ranges) throw new ResponseError(ErrorCodes.InvalidRequest, 'Only let names can be renamed.');
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(newName) || reserved.has(newName)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is not a valid name.`);
  }
  const block = model.blockAt(offset);
  const taken = block.analysis.binding.blocks.flatMap((b) => b.lets).some((l) => l.name === newName);
  if (taken) throw new ResponseError(ErrorCodes.InvalidParams, `A let named '${newName}' already exists in this block.`);
  // A name that is also a column or a table where the let is used would change what the uses mean.
  const a = block.analysis;
  const clashes = ranges.some((r) => a.columnsAt(r.start - block.start).some((c) => c.name === newName));
  if (clashes || schema.table(newName)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is already the name of a column or table here.`);
  }
  return ranges.map((r) => ({ range: model.range(r), newText: newName }));
}
