/**
 * Notebooks, pure: the .exqnb file format, .exq files as notebooks, the built-in hunting notebook
 * and the Markdown investigation report. The VS Code glue is in src/extension/notebook.
 */
export type { NotebookData, CellData, OutputData, OutputItemData, ExecutionData, JsonValue, JsonObject } from './types';
export { DEFAULT_CODE_LANGUAGE } from './types';
export { parseExqnb, serializeExqnb, sourceLines, NotebookFormatError, EXQNB_FORMAT, EXQNB_VERSION, type SerializeOptions } from './exqnbFormat';
export { parseExqText, serializeExqText } from './exqText';
export { huntingNotebook, huntingQueries, huntingSections, type HuntingQuery, type HuntingSection } from './huntingNotebook';
export { notebookReport, type ReportInput, type ReportCell, type ReportOutput, type ReportTable, type ReportOptions } from './reportExport';
export { escapeTableCell, escapeInline, codeBlock, markdownTable } from './markdownText';
