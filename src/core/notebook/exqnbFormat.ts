/**
 * The .exqnb file format: JSON made for diffs. Fixed key order, one object per cell, cell text as
 * an array of lines, free-form metadata and JSON outputs with sorted keys, 2-space indent, a
 * trailing newline. Outputs are written only when asked for (the exoAudit.notebook.saveOutputs setting).
 *
 *   { "format": "exo-audit-notebook", "version": 1, "cells": [ { "kind": "code", "source": ["AuditLogs", "| take 10"] } ] }
 */
import { sortKeysDeep, stableJson } from './canonicalJson';
import { DEFAULT_CODE_LANGUAGE, type CellData, type ExecutionData, type JsonObject, type NotebookData, type OutputData, type OutputItemData } from './types';

export const EXQNB_FORMAT = 'exo-audit-notebook';
export const EXQNB_VERSION = 1;

export class NotebookFormatError extends Error {
  override readonly name = 'NotebookFormatError';
}

export interface SerializeOptions {
  /** Write each code cell's outputs and last execution (default false). */
  readonly outputs?: boolean;
}

/** Splits a cell's text into lines (any line break); joined back with \n. */
export function sourceLines(source: string): string[] {
  return source === '' ? [] : source.split(/\r\n|\r|\n/);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmpty(o: JsonObject | undefined): o is JsonObject {
  return o !== undefined && Object.keys(o).length > 0;
}

function writeItem(item: OutputItemData): unknown {
  if ('json' in item) return { mime: item.mime, json: sortKeysDeep(item.json) };
  if ('text' in item) return { mime: item.mime, text: item.text };
  return { mime: item.mime, base64: item.base64 };
}

function writeExecution(e: ExecutionData): unknown {
  const out: Record<string, unknown> = {};
  if (e.order !== undefined) out.order = e.order;
  if (e.success !== undefined) out.success = e.success;
  if (e.startTime !== undefined) out.startTime = e.startTime;
  if (e.endTime !== undefined) out.endTime = e.endTime;
  return out;
}

function writeCell(cell: CellData, options: SerializeOptions): unknown {
  const out: Record<string, unknown> = { kind: cell.kind };
  if (cell.kind === 'code' && cell.language !== DEFAULT_CODE_LANGUAGE) out.language = cell.language;
  out.source = sourceLines(cell.source);
  if (nonEmpty(cell.metadata)) out.metadata = sortKeysDeep(cell.metadata);
  if (options.outputs && cell.kind === 'code') {
    if (cell.execution && Object.keys(writeExecution(cell.execution) as object).length) out.execution = writeExecution(cell.execution);
    if (cell.outputs?.length) {
      out.outputs = cell.outputs.map((o) => {
        const w: Record<string, unknown> = { items: o.items.map(writeItem) };
        if (nonEmpty(o.metadata)) w.metadata = sortKeysDeep(o.metadata);
        return w;
      });
    }
  }
  return out;
}

/** The file text of a notebook: the same data always gives the same text. */
export function serializeExqnb(data: NotebookData, options: SerializeOptions = {}): string {
  const out: Record<string, unknown> = { format: EXQNB_FORMAT, version: EXQNB_VERSION };
  if (nonEmpty(data.metadata)) out.metadata = sortKeysDeep(data.metadata);
  out.cells = data.cells.map((c) => writeCell(c, options));
  return stableJson(out);
}

function readSource(v: unknown, where: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v.replace(/\r\n|\r/g, '\n');
  if (Array.isArray(v) && v.every((l) => typeof l === 'string')) {
    const lines = v as string[];
    // Jupyter-style arrays keep each line's "\n"; ours do not.
    const jupyter = lines.length > 1 && lines.slice(0, -1).every((l) => l.endsWith('\n'));
    return (jupyter ? lines.join('') : lines.join('\n')).replace(/\r\n|\r/g, '\n');
  }
  throw new NotebookFormatError(`${where}: "source" must be a string or an array of strings`);
}

function readJsonObject(v: unknown, where: string): JsonObject | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) throw new NotebookFormatError(`${where} must be an object`);
  return sortKeysDeep(v) as JsonObject;
}

function readItem(v: unknown, where: string): OutputItemData {
  if (!isObject(v) || typeof v.mime !== 'string') throw new NotebookFormatError(`${where} must be an object with a "mime"`);
  if ('json' in v) return { mime: v.mime, json: sortKeysDeep(v.json) };
  if (typeof v.text === 'string') return { mime: v.mime, text: v.text };
  if (typeof v.base64 === 'string') return { mime: v.mime, base64: v.base64 };
  throw new NotebookFormatError(`${where} needs one of "json", "text" or "base64"`);
}

function readOutputs(v: unknown, where: string): OutputData[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw new NotebookFormatError(`${where}.outputs must be an array`);
  return v.map((o, i) => {
    const at = `${where}.outputs[${i}]`;
    if (!isObject(o) || !Array.isArray(o.items)) throw new NotebookFormatError(`${at} must be an object with "items"`);
    const metadata = readJsonObject(o.metadata, `${at}.metadata`);
    return { items: o.items.map((item, j) => readItem(item, `${at}.items[${j}]`)), ...(metadata ? { metadata } : {}) };
  });
}

function readExecution(v: unknown): ExecutionData | undefined {
  if (!isObject(v)) return undefined;
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
  const e: { order?: number; success?: boolean; startTime?: number; endTime?: number } = {};
  if (num(v.order) !== undefined) e.order = num(v.order);
  if (typeof v.success === 'boolean') e.success = v.success;
  if (num(v.startTime) !== undefined) e.startTime = num(v.startTime);
  if (num(v.endTime) !== undefined) e.endTime = num(v.endTime);
  return Object.keys(e).length ? e : undefined;
}

function readCell(v: unknown, index: number): CellData {
  const where = `cells[${index}]`;
  if (!isObject(v)) throw new NotebookFormatError(`${where} must be an object`);
  const kind = v.kind === 'markdown' ? 'markdown' : v.kind === 'code' || v.kind === undefined ? 'code' : undefined;
  if (!kind) throw new NotebookFormatError(`${where}: "kind" must be "code" or "markdown"`);
  const language = kind === 'markdown' ? 'markdown' : typeof v.language === 'string' && v.language ? v.language : DEFAULT_CODE_LANGUAGE;
  const metadata = readJsonObject(v.metadata, `${where}.metadata`);
  const outputs = kind === 'code' ? readOutputs(v.outputs, where) : undefined;
  const execution = kind === 'code' ? readExecution(v.execution) : undefined;
  return {
    kind, language, source: readSource(v.source, where),
    ...(metadata ? { metadata } : {}), ...(outputs?.length ? { outputs } : {}), ...(execution ? { execution } : {}),
  };
}

/** Reads a .exqnb file; an empty file is an empty notebook. Throws NotebookFormatError saying what is wrong. */
export function parseExqnb(text: string): NotebookData {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { cells: [] };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    throw new NotebookFormatError(`not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isObject(value)) throw new NotebookFormatError('a notebook file holds one JSON object');
  if (value.format !== undefined && value.format !== EXQNB_FORMAT) throw new NotebookFormatError(`"format" is ${JSON.stringify(value.format)}, not "${EXQNB_FORMAT}"`);
  if (typeof value.version === 'number' && value.version > EXQNB_VERSION) {
    throw new NotebookFormatError(`written by a newer exo-audit (format version ${value.version}; this one reads ${EXQNB_VERSION})`);
  }
  const cells = value.cells ?? [];
  if (!Array.isArray(cells)) throw new NotebookFormatError('"cells" must be an array');
  const metadata = readJsonObject(value.metadata, 'metadata');
  return { cells: cells.map(readCell), ...(metadata ? { metadata } : {}) };
}
