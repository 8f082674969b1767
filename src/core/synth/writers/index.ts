export { SYNTH_FORMATS, SYNTH_FORMAT_SETS, createFormatWriter, formatInfo, isSynthFormat, writeFormat, type FormatInfo, type SynthFormatId } from './formats';
export type { RecordWriter, WriterContext } from './types';
