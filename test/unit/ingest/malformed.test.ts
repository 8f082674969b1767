/**
 * Malformed input gives per-record rejections (file, line, reason) or warnings and a ledger
 * that adds up; a bad record never stops the rest of its file.
 */
import * as assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { DatasetLoader, type FileLedger } from '../../../src/core/ingest';
import { bytesInput, fixture, fixtureBytes, loadAll, loadOne, rows } from './helpers';

const ORG = '4a7c8b1e-2f3d-4e5a-9b6c-7d8e9f0a1b2c';

/** One UAL record as JSON text. */
function ual(n: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    CreationTime: `2024-05-0${1 + (n % 9)}T10:00:0${n % 10}`, Id: `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`,
    Operation: 'MailItemsAccessed', OrganizationId: ORG, RecordType: 50, ResultStatus: 'Succeeded', UserType: 0,
    Workload: 'Exchange', UserId: `user${n}@contoso.com`, ClientIPAddress: '192.0.2.1', LogonType: 0, MailboxOwnerUPN: `user${n}@contoso.com`,
    ...extra,
  });
}

function csvCell(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

const purviewHeader = 'RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames';

function purviewRow(n: number, auditData: string = ual(n)): string {
  const id = (JSON.parse(ual(n)) as { Id: string }).Id;
  return `${id},5/1/2024 10:00:00 AM,50,MailItemsAccessed,user${n}@contoso.com,${csvCell(auditData)},,`;
}

function rejectionLines(f: FileLedger): number[] {
  return f.rejections.map((r) => r.line);
}

function assertRejection(f: FileLedger, line: number, reason: RegExp): void {
  const r = f.rejections.find((x) => x.line === line);
  assert.ok(r, `${f.file}: a rejection on line ${line} (have ${JSON.stringify(f.rejections)})`);
  assert.equal(r.file, f.file);
  assert.match(r.reason, reason);
}

describe('ingest: malformed input', function () {
  describe('JSON lines', function () {
    it('rejects a last line cut short and keeps the lines before it', async function () {
      const cut = ual(4).slice(0, 57);
      const { ds, ledger } = await loadOne(bytesInput('cut.jsonl', [ual(1), ual(2), ual(3), cut].join('\n')));
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [4, 3, 1]);
      assertRejection(ledger, 4, /invalid JSON/);
      assert.deepEqual(rows(ds, 'AuditLogs').map((r) => r.SourceLine), [1, 2, 3]);
    });

    it('rejects a line cut in the middle and reads the lines after it', async function () {
      const text = [ual(1), ual(2).slice(0, 40), ual(3), ual(4)].join('\r\n') + '\r\n';
      const { ds, ledger } = await loadOne(bytesInput('middle.jsonl', text));
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [4, 3, 1]);
      assertRejection(ledger, 2, /invalid JSON/);
      assert.deepEqual(rows(ds, 'AuditLogs').map((r) => r.SourceLine), [1, 3, 4]);
    });

    it('still reads the file as lines when its first line is the damaged one', async function () {
      const text = [ual(1).slice(0, 60), ual(2), ual(3), ual(4)].join('\n') + '\n';
      const { ds, ledger } = await loadOne(bytesInput('first-cut.jsonl', text));
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [4, 3, 1]);
      assertRejection(ledger, 1, /invalid JSON/);
      assert.deepEqual(rows(ds, 'AuditLogs').map((r) => r.SourceLine), [2, 3, 4]);
    });

    it('rejects values that are not records, each with its line', async function () {
      const text = [ual(1), '42', '"just text"', 'null', '{"hello":"world"}', '[' + ual(2) + ',7]', ual(3)].join('\n');
      const { ledger } = await loadOne(bytesInput('values.jsonl', text));
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [8, 3, 5]);
      assertRejection(ledger, 2, /not a JSON object \(number\)/);
      assertRejection(ledger, 3, /not a JSON object \(string\)/);
      assertRejection(ledger, 4, /not a JSON object \(null\)/);
      assertRejection(ledger, 5, /not a recognised audit, sign-in or directory record \(keys: hello\)/);
      assertRejection(ledger, 6, /not a JSON object \(number\)/);
    });
  });

  describe('JSON documents', function () {
    it('rejects an array cut in the middle of a record and keeps the records before it', async function () {
      const pretty = JSON.stringify([JSON.parse(ual(1)), JSON.parse(ual(2)), JSON.parse(ual(3))], null, 2);
      const cutAt = pretty.lastIndexOf('"UserId"');
      const { ds, ledger } = await loadOne(bytesInput('cut.json', pretty.slice(0, cutAt)));
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [3, 2, 1]);
      const thirdBrace = pretty.lastIndexOf('{', pretty.indexOf('"Id": "00000000-0000-4000-8000-000000000003"'));
      const thirdLine = pretty.slice(0, thirdBrace).split('\n').length;
      assertRejection(ledger, thirdLine, /truncated: the record starting on line \d+ is not closed/);
      assert.equal(rows(ds, 'AuditLogs').length, 2);
    });

    it('rejects a Graph page cut in the middle of a record', async function () {
      const page = JSON.stringify({ '@odata.context': 'x', value: [JSON.parse(fixtureBytes('graph-signins.json').toString()).value[0], { id: 'cut', createdDateTime: '2024-03-01T00:00:00Z' }] }, null, 2);
      const { ledger } = await loadOne(bytesInput('page.json', page.slice(0, page.lastIndexOf('"createdDateTime"'))));
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [2, 1, 1]);
      assert.match(ledger.rejections[0]!.reason, /truncated/);
    });

    it('loads records with Latin-1 bytes and warns on their line', async function () {
      const record = JSON.stringify([JSON.parse(ual(1, { Folders: [{ Path: '\\Boîte de réception' }] }))], null, 2);
      const latin1 = Buffer.from(record.replace('Boîte de réception', 'Bo\u0000te de r\u0000ception'), 'utf8');
      latin1[latin1.indexOf(0)] = 0xee;
      latin1[latin1.indexOf(0)] = 0xe9;
      const { ds, ledger } = await loadOne(bytesInput('latin1.json', latin1));
      assert.deepEqual([ledger.read, ledger.loaded], [1, 1]);
      assert.equal(ledger.warningCount, 1);
      assert.equal(ledger.warnings[0]!.line, 2);
      assert.match(ledger.warnings[0]!.reason, /not UTF-8/);
      assert.equal((rows(ds, 'AuditLogs')[0]!.Folders as Array<{ Path: string }>)[0]!.Path, '\\Bo\uFFFDte de r\uFFFDception');
    });
  });

  describe('CSV', function () {
    it('an unclosed quote in the middle of a Purview CSV: the damaged row is rejected, every later row is loaded', async function () {
      const { ds, ledger } = await loadOne(fixture('malformed/purview-unclosed-quote.csv'));
      assert.equal(ledger.format, 'csv:purview');
      assert.deepEqual(rejectionLines(ledger), [3]);
      assertRejection(ledger, 3, /CSV: .*quote/i);
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [4, 3, 1]);
      const loaded = rows(ds, 'AuditLogs');
      assert.deepEqual(loaded.map((r) => r.SourceLine), [2, 4, 5]);
      assert.deepEqual(loaded.map((r) => r.Operation), ['Add-MailboxPermission', 'Set-Mailbox', 'Consent to application']);
    });

    it('an unclosed quote with no quote after it: every later line is accounted for', async function () {
      const header = 'TenantId,RecordType,TimeGenerated [UTC],Operation,UserId,OfficeWorkload,OfficeId,Type';
      const line = (n: number, op = 'FileAccessed') => `${ORG},SharePointFileOperation,2024-05-01T10:00:0${n}Z,${op},user${n}@contoso.com,SharePoint,id-${n},OfficeActivity`;
      const text = [header, line(1), line(2, '"FileAccessed'), line(3), line(4), ''].join('\n');
      const { ds, ledger } = await loadOne(bytesInput('sentinel.csv', text));
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [4, 3, 1]);
      assertRejection(ledger, 3, /CSV: .*quote/i);
      assert.deepEqual(rows(ds, 'AuditLogs').map((r) => r.SourceLine), [2, 4, 5]);
    });

    it('an export that never doubled the quotes inside AuditData: exactly one rejection per row, each on its line', async function () {
      const id = (n: number) => (JSON.parse(ual(n)) as { Id: string }).Id;
      const rowsText = Array.from({ length: 60 }, (_, i) => `${id(i)},5/1/2024 10:00:00 AM,50,MailItemsAccessed,user${i}@contoso.com,"${ual(i)}",,`);
      const { ledger } = await loadOne(bytesInput('unescaped.csv', [purviewHeader, ...rowsText].join('\r\n') + '\r\n', 700));
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [60, 0, 60]);
      assert.deepEqual(rejectionLines(ledger), Array.from({ length: 60 }, (_, i) => i + 2));
    });

    it('a stray quote inside an unquoted cell rejects that row only', async function () {
      const text = [purviewHeader, purviewRow(1), purviewRow(2).replace('user2@', 'us"er2@'), purviewRow(3)].join('\n');
      const { ds, ledger } = await loadOne(bytesInput('stray.csv', text));
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [3, 2, 1]);
      assertRejection(ledger, 3, /CSV: .*quote/i);
      assert.deepEqual(rows(ds, 'AuditLogs').map((r) => r.SourceLine), [2, 4]);
    });

    it('a row with more or fewer cells than the header is rejected with the counts', async function () {
      const text = [purviewHeader, purviewRow(1), purviewRow(2) + ',extra', purviewRow(3).replace(/,,$/, ''), purviewRow(4)].join('\n') + '\n';
      const { ledger } = await loadOne(bytesInput('counts.csv', text));
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [4, 2, 2]);
      assertRejection(ledger, 3, /row has 9 fields, the header has 8/);
      assertRejection(ledger, 4, /row has 6 fields, the header has 8/);
    });

    it('empty AuditData and AuditData that is not JSON are rejected with their lines', async function () {
      const text = [purviewHeader, purviewRow(1), purviewRow(2, ''), purviewRow(3, '{"CreationTime": "2024-05-04T10:00:03", "Id": '), purviewRow(4, '[1,2]'), purviewRow(5)].join('\r\n');
      const { ledger } = await loadOne(bytesInput('auditdata.csv', text));
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [5, 2, 3]);
      assertRejection(ledger, 3, /empty AuditData/);
      assertRejection(ledger, 4, /AuditData is not valid JSON/);
      assertRejection(ledger, 5, /AuditData is not a JSON object/);
    });

    it('loads rows with Latin-1 bytes and warns on their line', async function () {
      const text = [purviewHeader, purviewRow(1), purviewRow(2, ual(2, { Folders: [{ Path: '\\Bo#te de r#ception' }] })), purviewRow(3)].join('\n') + '\n';
      const bytes = Buffer.from(text, 'utf8');
      bytes[bytes.indexOf('#')] = 0xee;
      bytes[bytes.indexOf('#')] = 0xe9;
      const { ds, ledger } = await loadOne(bytesInput('latin1.csv', bytes));
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [3, 3, 0]);
      assert.equal(ledger.warningCount, 1);
      assert.equal(ledger.warnings[0]!.line, 3);
      assert.match(ledger.warnings[0]!.reason, /not UTF-8/);
      const r = rows(ds, 'AuditLogs').find((x) => x.SourceLine === 3)!;
      assert.equal((r.Folders as Array<{ Path: string }>)[0]!.Path, '\\Bo\uFFFDte de r\uFFFDception');
      assert.equal(rows(ds, 'AuditLogs').find((x) => x.UserId === 'user3@contoso.com')!.SourceLine, 4);
    });

    it('a CSV whose header is no known export: one rejection naming the header, the rows are not read', async function () {
      const { ledger } = await loadOne(bytesInput('other.csv', 'Name,Value\na,1\nb,2\n'));
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [1, 0, 1]);
      assertRejection(ledger, 1, /not a known export: .*header \(Name, Value\); the rest of the file was not read/);
    });

    it('a text file that is not CSV at all: one rejection on line 1', async function () {
      const { ledger } = await loadOne(bytesInput('notes.txt', 'He said "hello" to me\nand left.\n'));
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [1, 0, 1]);
      assertRejection(ledger, 1, /not a known export/);
    });
  });

  describe('JSON lines with wrong encoding', function () {
    it('loads a record with Latin-1 bytes and warns on its line', async function () {
      const bytes = Buffer.from([ual(1), ual(2, { ClientInfoString: 'Client=Outlook;Caf#' }), ual(3)].join('\n'), 'utf8');
      bytes[bytes.indexOf('#')] = 0xe9;
      const { ds, ledger } = await loadOne(bytesInput('latin1.jsonl', bytes));
      assert.deepEqual([ledger.read, ledger.loaded], [3, 3]);
      assert.equal(ledger.warningCount, 1);
      assert.equal(ledger.warnings[0]!.line, 2);
      assert.equal(rows(ds, 'AuditLogs')[1]!.ClientInfoString, 'Client=Outlook;Caf\uFFFD');
    });
  });

  describe('empty input', function () {
    for (const [label, bytes] of [['an empty file', Buffer.alloc(0)], ['a whitespace-only file', Buffer.from(' \r\n\t\n  \n')], ['a BOM-only file', Buffer.from([0xef, 0xbb, 0xbf])], ['an empty gzip', gzipSync(Buffer.alloc(0))]] as const) {
      it(`${label}: no records, one warning`, async function () {
        const { ledger } = await loadOne(bytesInput('empty', bytes));
        assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [0, 0, 0]);
        assert.equal(ledger.format, 'empty');
        assert.equal(ledger.warningCount, 1);
        assert.match(ledger.warnings[0]!.reason, /empty file/);
      });
    }
    it('a CSV with only its header: no records', async function () {
      const { ledger } = await loadOne(bytesInput('header-only.csv', purviewHeader + '\r\n'));
      assert.deepEqual([ledger.read, ledger.rejected], [0, 0]);
    });
  });

  describe('records that parse but cannot be used', function () {
    it('a record with an unreadable time is rejected with the time in the reason', async function () {
      const text = [ual(1), ual(2, { CreationTime: 'yesterday' }), ual(3)].join('\n');
      const { ledger } = await loadOne(bytesInput('time.jsonl', text));
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [3, 2, 1]);
      assertRejection(ledger, 2, /unreadable time "yesterday"/);
    });

    it('Search-UnifiedAuditLog objects with empty or broken AuditData are rejected', async function () {
      const obj = (auditData: string) => JSON.stringify({ CreationDate: '5/1/2024 10:00:00 AM', UserIds: 'a@contoso.com', Operations: 'MailItemsAccessed', AuditData: auditData });
      const text = [obj(ual(1)), obj(''), obj('{not json'), obj(ual(4))].join('\n');
      const { ledger } = await loadOne(bytesInput('sual.jsonl', text));
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [4, 2, 2]);
      assertRejection(ledger, 2, /empty AuditData/);
      assertRejection(ledger, 3, /AuditData is not valid JSON/);
    });

    it('keys that differ only in case: the first spelling is used and the record gets a warning', async function () {
      const collide = ual(2).replace(/}$/, ',"userid":"someone.else@contoso.com","USERID":"user2@contoso.com"}');
      const { ds, ledger } = await loadOne(bytesInput('case.jsonl', [ual(1), collide, ual(3)].join('\n')));
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [3, 3, 0]);
      assert.equal(rows(ds, 'AuditLogs')[1]!.UserId, 'user2@contoso.com');
      assert.equal(ledger.warningCount, 1);
      const w = ledger.warnings[0]!;
      assert.equal(w.line, 2);
      assert.match(w.reason, /differ only in case/);
      assert.match(w.reason, /"UserId"/);
      assert.match(w.reason, /"userid"/);
    });

    it('a value nested too deeply to print is rejected, not thrown', async function () {
      const deep = '['.repeat(50_000) + ']'.repeat(50_000);
      const text = [ual(1), ual(2).replace(/}$/, `,"ClientInfoString":${deep}}`), ual(3)].join('\n');
      const { ledger } = await loadOne(bytesInput('deep.jsonl', text));
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [3, 2, 1]);
      assert.equal(ledger.rejections[0]!.line, 2);
    });
  });

  describe('damaged gzip', function () {
    it('a gzip file cut short: the records before the cut load, the cut is reported', async function () {
      const text = Array.from({ length: 400 }, (_, i) => ual(i % 100, { Id: `id-${i}` })).join('\n') + '\n';
      const gz = gzipSync(Buffer.from(text));
      const { ds, ledger } = await loadOne(bytesInput('cut.jsonl.gz', gz.subarray(0, Math.floor(gz.length * 0.6))));
      assert.ok(ledger.loaded > 0 && ledger.loaded < 400, `loaded ${ledger.loaded}`);
      assert.ok(ledger.rejected >= 1);
      assert.ok(ledger.rejections.some((r) => /gzip/.test(r.reason)), JSON.stringify(ledger.rejections));
      assert.equal(rows(ds, 'AuditLogs').length, ledger.loaded);
    });

    it('bytes that only start like gzip: reported, no exception', async function () {
      const { ledger } = await loadOne(bytesInput('fake.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9])));
      assert.equal(ledger.loaded, 0);
      assert.ok(ledger.rejections.some((r) => /gzip/.test(r.reason)));
    });
  });

  describe('a stream that fails or is cancelled', function () {
    const failing = (bytes: Buffer) => ({
      name: 'failing',
      async *open() {
        yield bytes.subarray(0, 200);
        throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
      },
    });
    for (const [label, bytes] of [
      ['JSON lines', Buffer.concat([fixtureBytes('ual.jsonl'), fixtureBytes('ual.jsonl')])],
      ['gzip', gzipSync(Buffer.concat(Array.from({ length: 50 }, () => fixtureBytes('ual.jsonl'))))],
      ['CSV', Buffer.concat([fixtureBytes('purview-new.csv'), fixtureBytes('purview-new.csv')])],
    ] as const) {
      it(`an unreadable ${label} stream makes load() throw rather than pass for a whole file`, async function () {
        await assert.rejects(new DatasetLoader().load(failing(bytes)), /EIO/);
      });
    }
    it('an aborted load throws the abort reason', async function () {
      const controller = new AbortController();
      controller.abort(new Error('cancelled by the user'));
      await assert.rejects(new DatasetLoader().load(fixture('ual.jsonl'), { signal: controller.signal }), /cancelled by the user/);
    });
  });

  it('every rejection of a mixed load names its file, a line and a reason', async function () {
    const { ds } = await loadAll(
      bytesInput('a.jsonl', [ual(1), '{', ual(3)].join('\n')),
      fixture('malformed/purview-unclosed-quote.csv'),
      bytesInput('b.json', '[' + ual(5) + ', 7, {"x":'),
    );
    const all = ds.ledger.files.flatMap((f) => f.rejections.map((r) => ({ ...r, owner: f.file })));
    assert.ok(all.length >= 4);
    for (const r of all) {
      assert.equal(r.file, r.owner);
      assert.ok(Number.isInteger(r.line) && r.line >= 1, `line ${r.line}`);
      assert.ok(r.reason.length > 5);
    }
  });
});
