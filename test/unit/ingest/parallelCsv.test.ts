/**
 * The parallel CSV load (segments cut at line ends, read after the header on worker threads,
 * merged in file order) gives exactly what the serial load gives. Where a cut falls inside a
 * quoted multi-line cell, or a record is damaged, the loader reads the rest of the file itself:
 * the result is still the serial one, rejections, lines and all.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { closeIdleLoadWorkers } from '../../../src/connect/segmentPool';
import { createSyntheticTenant, type SynthFormatId } from '../../../src/core/synth';
import { damage, damaged, wellFormed } from './csvArbitraries';
import { assertSameLoad, loadParallel, loadSerial, writeTemp } from './parallelHelpers';

const RUNS = Number(process.env.INGEST_PROPERTY_RUNS ?? 150);

function synthCsv(format: SynthFormatId, seed: number): { header: string; rows: string[]; eol: string } {
  const text = [...createSyntheticTenant({ seed, users: 16, days: 2 }).write(format)].join('');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const first = text.indexOf(eol);
  // Rows as the writer wrote them (a multi-line cell keeps its line breaks): split where a record starts.
  const body = text.slice(first + eol.length);
  const rows: string[] = [];
  let start = 0;
  let quotes = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '"') quotes++;
    else if (body.startsWith(eol, i) && quotes % 2 === 0) {
      rows.push(body.slice(start, i));
      start = i + eol.length;
      i += eol.length - 1;
    }
  }
  if (start < body.length) rows.push(body.slice(start));
  return { header: text.slice(0, first), rows, eol };
}

/** Purview rows with rejections, repeats and bytes that are not UTF-8 spread through the file. */
function hostilePurview(): Buffer {
  const { header, rows, eol } = synthCsv('purview-csv', 21);
  const out: Buffer[] = [Buffer.from(header + eol)];
  rows.forEach((row, i) => {
    out.push(Buffer.from(row + eol));
    if (i % 97 === 11) out.push(Buffer.from(`${row.split(',').slice(0, 5).join(',')},,,${eol}`)); // empty AuditData
    if (i % 89 === 13) out.push(Buffer.from(`x,5/1/2024 10:00:00 AM,50,MailItemsAccessed,a@b.c,"{not json}",,${eol}`));
    if (i % 83 === 17) out.push(Buffer.from(`too,few,fields${eol}`));
    if (i % 61 === 5) out.push(Buffer.from(row + eol)); // an exact repeat, in the same segment or the next
    if (i % 71 === 9) out.push(Buffer.concat([Buffer.from(row.slice(0, 60)), Buffer.from([0xff, 0xc3]), Buffer.from(row.slice(60) + eol)]));
  });
  return Buffer.concat(out);
}

describe('ingest: parallel CSV load gives the serial load exactly', function () {
  this.timeout(120_000);

  it('a Purview export with rejected rows, duplicates and bad bytes across segment boundaries', async function () {
    const file = writeTemp('purview.csv', hostilePurview());
    const serial = await loadSerial([file]);
    const { ds, chunks, rest } = await loadParallel([file], { segmentBytes: 8192 });
    assert.ok(chunks[0]! > 20, `segments: ${chunks[0]}`);
    assert.equal(rest, 0, 'every segment was read on the workers');
    assertSameLoad(ds, serial);
    const l = serial.ledger;
    assert.equal(l.files[0]!.format, 'csv:purview');
    assert.ok(l.duplicates > 5 && l.rejected > 10 && l.files[0]!.warningCount > 3, `duplicates ${l.duplicates}, rejected ${l.rejected}, warnings ${l.files[0]!.warningCount}`);
    const reasons = l.files[0]!.rejections.map((r) => r.reason).join('\n');
    for (const want of ['empty AuditData', 'AuditData is not valid JSON', 'fields, the header has']) assert.ok(reasons.includes(want), want);
  });

  it('the older export header, with a BOM and CRLF line ends', async function () {
    const { header, rows } = synthCsv('purview-csv-legacy', 22);
    const file = writeTemp('legacy.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([header, ...rows].join('\r\n') + '\r\n')]));
    const serial = await loadSerial([file]);
    const { ds, chunks, rest } = await loadParallel([file], { segmentBytes: 4096 });
    assert.ok(chunks[0]! > 10 && rest === 0, `segments: ${chunks[0]}, rest: ${rest}`);
    assert.equal(serial.files[0]!.encoding, 'utf-8-bom');
    assert.ok(serial.tables.AuditLogs.numRows() > 100);
    assertSameLoad(ds, serial);
  });

  it('multi-line cells cut by a segment end: the loader reads on from that segment', async function () {
    const { header, rows, eol } = synthCsv('officeactivity-csv', 23);
    assert.ok(rows.some((r) => r.includes('\n')), 'the export has multi-line cells');
    const file = writeTemp('office.csv', `\ufeff${header}${eol}${rows.join(eol)}${eol}`);
    const serial = await loadSerial([file]);
    const { ds, chunks, rest } = await loadParallel([file], { segmentBytes: 2048 });
    assert.equal(rest, 1, 'one hand-over to the serial reader');
    assert.ok(chunks[0]! >= 1);
    assert.ok(serial.tables.AuditLogs.numRows() > 50);
    assertSameLoad(ds, serial);
  });

  it('a stray quote in the middle of the file: rows before it from the workers, the rest as the serial reader reads it', async function () {
    const { header, rows, eol } = synthCsv('purview-csv', 24);
    const at = Math.floor(rows.length / 2);
    const damaged = [...rows.slice(0, at), `y,5/1/2024 10:00:00 AM,50,Send,a@b.c,"{""Id"":""open}`, ...rows.slice(at)];
    const file = writeTemp('stray-quote.csv', `${header}${eol}${damaged.join(eol)}${eol}`);
    const serial = await loadSerial([file]);
    const { ds, chunks, rest } = await loadParallel([file], { segmentBytes: 8192 });
    assert.equal(rest, 1);
    assert.ok(chunks[0]! > 10, `segments before the damage: ${chunks[0]}`);
    assert.ok(serial.ledger.rejected > 0, 'the damage is rejected');
    assertSameLoad(ds, serial);
  });

  it('Sentinel sign-in and directory exports, and a CSV that is no export, as the serial reader reads them', async function () {
    const signIns = synthCsv('signinlogs-csv', 25);
    const audits = synthCsv('auditlogs-csv', 25);
    const files = [
      writeTemp('signins.csv', [signIns.header, ...signIns.rows].join(signIns.eol) + signIns.eol),
      writeTemp('audits.csv', [audits.header, ...audits.rows].join(audits.eol) + audits.eol),
      writeTemp('other.csv', 'name,value\na,1\nb,2\n'),
    ];
    const serial = await loadSerial(files);
    const { ds, chunks } = await loadParallel(files, { segmentBytes: 4096 });
    assert.equal(chunks[2], 0, 'no known header: read serially, and rejected');
    assert.ok(serial.tables.SignIns.numRows() > 10 && serial.tables.DirectoryAudits.numRows() > 5);
    assertSameLoad(ds, serial);
  });

  it('random exports, well-formed or damaged, cut into random segments', async function () {
    let run = 0;
    await fc.assert(fc.asyncProperty(
      fc.array(wellFormed, { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(fc.nat(), damage), { maxLength: 2 }), fc.integer({ min: 16, max: 400 }),
      async (parts, hits, segmentBytes) => {
        // One header, the rows of several generated exports after it: files long enough for many segments.
        const [first, ...rest] = parts;
        const body = rest.map((p) => p.slice(p.search(/\r?\n/) + 1)).join(first!.includes('\r\n') ? '\r\n' : '\n');
        const file = writeTemp(`random-${run++}.csv`, damaged(`${first}${first!.match(/\r?\n$/) ? '' : '\n'}${body}`, hits));
        const serial = await loadSerial([file]);
        const { ds } = await loadParallel([file], { segmentBytes });
        assertSameLoad(ds, serial);
      },
    ), { numRuns: Math.ceil(RUNS / 5), timeout: 20_000 });
    await closeIdleLoadWorkers();
  });
});
