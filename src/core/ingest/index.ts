export { DatasetLoader, type CsvPlan, type Dataset, type InputFile, type JsonLinesPlan, type LoadOptions, type LoadedFile } from './loader';
export { ledgerBalances, type FileLedger, type LoadLedger, type Rejection } from './ledger';
export type { RecordLocation } from './tableBuilder';
export { parseTime } from './time';
export { parseClientAddress } from './ip';
export { summarizeDataset, summarizeTable, type DatasetSummary, type TableSummary } from './summary';
export { encodeJsonLinesSegment } from './chunkEncoder';
export { encodeCsvSegment } from './csvChunkEncoder';
export { chunkTransferList, type ColumnChunk, type CsvRest, type RawSegment, type SegmentChunk } from './columnChunk';
