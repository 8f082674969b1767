/**
 * A notebook as plain data, independent of VS Code: what the .exqnb format stores and what the
 * serializer hands to VS Code (src/extension/notebook converts between the two).
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** One output item: JSON mimes are kept as JSON (readable diffs), text as text, anything else as base64. */
export type OutputItemData =
  | { readonly mime: string; readonly json: JsonValue }
  | { readonly mime: string; readonly text: string }
  | { readonly mime: string; readonly base64: string };

export interface OutputData {
  readonly items: readonly OutputItemData[];
  readonly metadata?: JsonObject;
}

/** How a cell's last run went (saved only with outputs). */
export interface ExecutionData {
  readonly order?: number;
  readonly success?: boolean;
  readonly startTime?: number;
  readonly endTime?: number;
}

export interface CellData {
  readonly kind: 'markdown' | 'code';
  /** Language id of a code cell ('exq' by default); 'markdown' for markdown cells. */
  readonly language: string;
  /** The cell text, lines joined with \n. */
  readonly source: string;
  readonly metadata?: JsonObject;
  readonly outputs?: readonly OutputData[];
  readonly execution?: ExecutionData;
}

export interface NotebookData {
  readonly cells: readonly CellData[];
  readonly metadata?: JsonObject;
}

export const DEFAULT_CODE_LANGUAGE = 'exq';
