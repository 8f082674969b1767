/**
 * Dictionaries kept across a file's segments: chunks carry only new values, and the loader must
 * end up with exactly the serial load, whatever happened to the segments in between (a segment
 * handed back unencoded, two encoders interleaved, more values than a kept dictionary holds).
 * Segments are encoded in this thread, as a worker would, so the order of events is the test's.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { localInputFile } from '../../../src/connect/localFiles';
import { DatasetLoader, encodeJsonLinesSegment, type Dataset, type InputFile, type SegmentChunk } from '../../../src/core/ingest';
import { tableDef } from '../../../src/core/ingest/recordRows';
import { SegmentDictionaries } from '../../../src/core/ingest/segmentDictionaries';
import { assertSameLoad, loadSerial, writeTemp } from './parallelHelpers';

function record(i: number, user: string, op = 'MailItemsAccessed'): string {
  return JSON.stringify({
    CreationTime: `2024-03-0${1 + (i % 5)}T10:${String(i % 60).padStart(2, '0')}:00`, Id: `id-${i}`, Operation: op,
    RecordType: 50, Workload: 'Exchange', UserId: user, MailboxOwnerUPN: user, ClientIPAddress: `10.0.${i % 7}.1`,
  });
}

/** Lines as segments: each inner array is one segment's records. */
function segmentsOf(groups: readonly string[][]): Buffer[] {
  return groups.map((g) => Buffer.from(`${g.join('\n')}\n`));
}

/** One segment's fate in the simulated stream: encoded by an encoder and handed over, or handed back unencoded. */
type Step = { readonly by: SegmentDictionaries; readonly handBack?: boolean };

/**
 * Loads the segments as the worker path would: each is encoded with its step's dictionaries;
 * a handed-back segment arrives raw (its encoding is thrown away, as when postMessage fails).
 */
async function loadStream(file: string, segments: readonly Buffer[], steps: readonly Step[]): Promise<Dataset> {
  const base = localInputFile(file, path.basename(file), { hash: false, parallel: false });
  const input: InputFile = {
    ...base,
    jsonLinesChunks: () => (async function* (): AsyncGenerator<SegmentChunk> {
      for (let i = 0; i < segments.length; i++) {
        const { by, handBack } = steps[i]!;
        by.discard();
        const chunk = encodeJsonLinesSegment(segments[i]!, 100, by);
        if (handBack) {
          yield { raw: segments[i]!, reason: 'test: not delivered' };
          continue;
        }
        by.commit();
        yield chunk;
      }
    })(),
  };
  const loader = new DatasetLoader();
  await loader.load(input);
  return loader.finish();
}

describe('ingest: string dictionaries kept across segments', function () {
  it('a chunk codes values the same encoder saw in earlier segments, and carries only its new ones', function () {
    const dicts = new SegmentDictionaries('s');
    const [a, b] = segmentsOf([[record(1, 'ann@x'), record(2, 'bob@x')], [record(3, 'bob@x'), record(4, 'cy@x')]]);
    const first = encodeJsonLinesSegment(a!, 10, dicts);
    dicts.commit();
    const second = encodeJsonLinesSegment(b!, 10, dicts);
    const userIdAt = tableDef('AuditLogs').columns.findIndex((c) => c.name === 'UserId');
    const c1 = first.tables.AuditLogs.columns[userIdAt]!;
    const c2 = second.tables.AuditLogs.columns[userIdAt]!;
    assert.ok(c1.kind === 'dict' && c2.kind === 'dict');
    assert.deepEqual(c1.added, ['ann@x', 'bob@x']);
    assert.equal(c2.base, 2);
    assert.deepEqual(c2.added, ['cy@x']);
    assert.deepEqual([...c2.codes], [1, 2]);
    assert.equal(first.dictionary, 's');
  });

  it('a segment handed back unencoded leaves the kept dictionaries as they were', async function () {
    const dicts = new SegmentDictionaries('w1');
    const groups = [
      [record(1, 'ann@x'), record(2, 'bob@x')],
      // New values only this segment brings: its encoding never reaches the loader.
      [record(3, 'eve@x'), record(4, 'mallory@x', 'Set-Mailbox')],
      [record(5, 'eve@x'), record(6, 'ann@x'), record(7, 'trent@x', 'Set-Mailbox')],
    ];
    const file = writeTemp('dict-handback.jsonl', Buffer.concat(segmentsOf(groups)));
    const ds = await loadStream(file, segmentsOf(groups), [{ by: dicts }, { by: dicts, handBack: true }, { by: dicts }]);
    assertSameLoad(ds, await loadSerial([file]));
    assert.deepEqual(ds.tables.AuditLogs.array('UserId'), ['ann@x', 'bob@x', 'eve@x', 'mallory@x', 'eve@x', 'ann@x', 'trent@x']);
  });

  it('two encoders interleaved: each chunk reads its own encoder\'s dictionaries', async function () {
    const w1 = new SegmentDictionaries('w1');
    const w2 = new SegmentDictionaries('w2');
    const groups = [
      [record(1, 'ann@x'), record(2, 'bob@x')],
      [record(3, 'cy@x'), record(4, 'ann@x')],
      [record(5, 'bob@x'), record(6, 'dee@x')],
      [record(7, 'dee@x'), record(8, 'cy@x')],
      [record(9, 'ann@x'), record(10, 'dee@x')],
    ];
    const file = writeTemp('dict-two.jsonl', Buffer.concat(segmentsOf(groups)));
    const ds = await loadStream(file, segmentsOf(groups), [{ by: w1 }, { by: w2 }, { by: w1 }, { by: w2 }, { by: w2 }]);
    assertSameLoad(ds, await loadSerial([file]));
  });

  it('past what a kept dictionary holds, new values stay with their segment and still load right', async function () {
    this.timeout(60_000);
    const dicts = new SegmentDictionaries('big');
    // 70k distinct users (a kept dictionary holds 65,536), then segments that mix old and new ones.
    const groups: string[][] = [];
    let i = 0;
    for (let g = 0; g < 8; g++) {
      const lines: string[] = [];
      for (let k = 0; k < 9000; k++, i++) lines.push(record(i, `user${i}@x`));
      lines.push(record(i++, 'user5@x'));
      groups.push(lines);
    }
    groups.push([record(i++, 'user69000@x'), record(i++, 'late@x'), record(i++, 'user1@x')]);
    groups.push([record(i++, 'late@x'), record(i++, 'user71999@x')]);
    const file = writeTemp('dict-big.jsonl', Buffer.concat(segmentsOf(groups)));
    const ds = await loadStream(file, segmentsOf(groups), groups.map(() => ({ by: dicts })));
    assertSameLoad(ds, await loadSerial([file]));
    assert.deepEqual(ds.tables.AuditLogs.array('UserId').slice(-5), ['user69000@x', 'late@x', 'user1@x', 'late@x', 'user71999@x']);
  });
});
