/** The synthetic tenant loaded through the real ingest path (UAL JSON lines, Graph sign-ins and directory audits). */
import { DatasetLoader, type Dataset } from '../../../../src/core/ingest';
import { createSyntheticTenant, type SynthOptions } from '../../../../src/core/synth';

const cache = new Map<string, Promise<Dataset>>();

/** A small tenant with attacks (seed 11, 40 users, 14 days), or the same without them. */
export const ATTACKED: SynthOptions = { seed: 11, users: 40, days: 14 };
export const BASELINE: SynthOptions = { seed: 11, users: 40, days: 14, attacks: false };

export function syntheticDataset(options: SynthOptions): Promise<Dataset> {
  const key = JSON.stringify(options);
  let hit = cache.get(key);
  if (!hit) {
    hit = (async () => {
      const tenant = createSyntheticTenant(options);
      const loader = new DatasetLoader();
      for (const format of ['ual-jsonl', 'graph-signins-jsonl', 'graph-directoryaudits-jsonl'] as const) {
        const text = [...tenant.write(format)].join('');
        await loader.load({ name: `${format}.jsonl`, open: async function* () { yield Buffer.from(text); } });
      }
      return loader.finish();
    })();
    cache.set(key, hit);
  }
  return hit;
}
