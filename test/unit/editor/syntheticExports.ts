// A small synthetic investigation loaded the way the extension loads it: one export per table, each in
// another format, with the file texts kept so tests can read the lines evidence points at.
import { runFindings, type FindingsResult } from '../../../src/core/findings';
import { DatasetLoader, type Dataset } from '../../../src/core/ingest';
import { createSyntheticTenant, formatInfo, type SynthFormatId } from '../../../src/core/synth';

export interface SyntheticExports {
  readonly dataset: Dataset;
  readonly result: FindingsResult;
  /** File name (as the loader knows it) -> its text. */
  readonly texts: ReadonlyMap<string, string>;
}

const formats: readonly SynthFormatId[] = ['purview-csv', 'graph-signins-json', 'graph-directoryaudits-jsonl'];
let cached: Promise<SyntheticExports> | undefined;

export function syntheticExports(): Promise<SyntheticExports> {
  cached ??= (async () => {
    const tenant = createSyntheticTenant({ seed: 7, users: 16, days: 3 });
    const loader = new DatasetLoader();
    const texts = new Map<string, string>();
    for (const format of formats) {
      const name = `logs/${formatInfo(format).fileName}`;
      const text = [...tenant.write(format)].join('');
      texts.set(name, text);
      await loader.load({ name, open: async function* () { yield Buffer.from(text); } });
    }
    const dataset = loader.finish();
    return { dataset, result: await runFindings(dataset.tables), texts };
  })();
  return cached;
}
