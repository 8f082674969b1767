/**
 * The quirks of real exports: zone-less and US-style times, keys that differ only in case,
 * ClientIP spellings, ResultStatus spellings, trailing periods in operation names.
 */
import * as assert from 'node:assert/strict';
import { parseClientAddress, parseTime } from '../../../src/core/ingest';
import { fixture, loadOne, rowBy, type Loaded } from './helpers';

describe('ingest: quirks of real exports', function () {
  describe('parseTime', function () {
    const cases: Array<[string, number]> = [
      ['2023-09-20T04:05:03', Date.UTC(2023, 8, 20, 4, 5, 3)], // zone-less UAL time: UTC
      ['2023-09-20T04:05:03Z', Date.UTC(2023, 8, 20, 4, 5, 3)],
      ['2023-09-20T04:05:03.1234567Z', Date.UTC(2023, 8, 20, 4, 5, 3, 123)],
      ['2023-09-20T04:05:03.58602+00:00', Date.UTC(2023, 8, 20, 4, 5, 3, 586)],
      ['2023-09-20T06:05:03+02:00', Date.UTC(2023, 8, 20, 4, 5, 3)],
      ['2023-09-19T23:05:03-0500', Date.UTC(2023, 8, 20, 4, 5, 3)],
      ['2023-09-20 04:05:03', Date.UTC(2023, 8, 20, 4, 5, 3)],
      ['9/20/2023 4:05:03 AM', Date.UTC(2023, 8, 20, 4, 5, 3)], // Purview CreationDate
      ['9/20/2023 12:05:03 AM', Date.UTC(2023, 8, 20, 0, 5, 3)],
      ['9/20/2023 12:05:03 PM', Date.UTC(2023, 8, 20, 12, 5, 3)],
      ['4/28/2021, 3:05:26.000 PM', Date.UTC(2021, 3, 28, 15, 5, 26)], // Log Analytics export
      ['12/13/2024 4:34:03 PM', Date.UTC(2024, 11, 13, 16, 34, 3)],
    ];
    for (const [text, ms] of cases) {
      it(`reads ${JSON.stringify(text)}`, function () {
        assert.equal(parseTime(text), ms);
      });
    }
    for (const bad of ['', 'yesterday', '2023-13-01T00:00:00', '2023-09-20T25:00:00', '9/20/2023 13:05:03 PM', '2023-09-20T04:05:03+2', null, {}]) {
      it(`gives NaN for ${JSON.stringify(bad)}`, function () {
        assert.ok(Number.isNaN(parseTime(bad)));
      });
    }
  });

  describe('parseClientAddress', function () {
    const cases: Array<[unknown, string, number | null]> = [
      ['1.2.3.4', '1.2.3.4', null],
      ['1.2.3.4:8085', '1.2.3.4', 8085],
      ['::ffff:1.2.3.4', '1.2.3.4', null],
      ['::FFFF:10.0.0.1', '10.0.0.1', null],
      ['2603:10b6:5:345::11', '2603:10b6:5:345::11', null],
      ['[2603:1036:4:3f::5]:1672', '2603:1036:4:3f::5', 1672],
      ['[2001:db8::1]', '2001:db8::1', null],
      ['::1', '::1', null],
      ['FE80::', 'FE80::', null],
      ['<null>', '', null],
      ['', '', null],
      [null, '', null],
      [42, '', null],
    ];
    for (const [value, ip, port] of cases) {
      it(`splits ${JSON.stringify(value)}`, function () {
        assert.deepEqual(parseClientAddress(value), { ip, port });
      });
    }
  });

  describe('records with quirks (ual-quirks.jsonl)', function () {
    let loaded: Loaded;
    before(async function () {
      loaded = await loadOne(fixture('ual-quirks.jsonl'));
    });
    const row = (n: number) => rowBy(loaded.ds, 'AuditLogs', 'Id', `5a5a5a0${n}-0000-4000-8000-00000000000${n}`);

    it('loads every record', function () {
      const f = loaded.ledgers[0]!;
      assert.deepEqual([f.read, f.loaded, f.rejected, f.warningCount], [8, 8, 0, 0]);
    });

    it('reads zone-less, US-style, offset, 7-digit and space-separated times as UTC', function () {
      assert.equal(row(1).Time, Date.UTC(2024, 3, 2, 7, 8, 9));
      assert.equal(row(2).Time, Date.UTC(2024, 3, 2, 19, 8, 10));
      assert.equal(row(3).Time, Date.UTC(2024, 3, 2, 7, 8, 11));
      assert.equal(row(4).Time, Date.UTC(2024, 3, 2, 7, 8, 12, 123));
      assert.equal(row(5).Time, Date.UTC(2024, 3, 2, 7, 8, 13));
      assert.equal(row(6).Time, Date.UTC(2023, 11, 31, 23, 59, 59));
    });

    it('splits ClientIP spellings into address and port', function () {
      const ips = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => [row(n).ClientIp, row(n).ClientPort]);
      assert.deepEqual(ips, [
        ['192.0.2.10', 443], ['192.0.2.11', null], ['2001:db8::12', 8443], ['2001:db8::13', null],
        ['', null], ['192.0.2.14', null], ['192.0.2.15', 8080], ['', null],
      ]);
    });

    it('folds ResultStatus spellings', function () {
      assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => row(n).ResultStatus), [
        'Succeeded', 'Succeeded', 'Succeeded', 'Succeeded', 'Succeeded', 'Succeeded', 'Failed', 'PartiallySucceeded',
      ]);
    });

    it('trims trailing periods of operation names', function () {
      assert.equal(row(6).Operation, 'Update user');
      assert.equal(row(8).Operation, 'Add service principal');
    });

    it('reads a record whose keys are all lower case', function () {
      const r = row(7);
      assert.equal(r.Time, Date.UTC(2024, 3, 2, 7, 8, 15));
      assert.equal(r.Operation, 'MailItemsAccessed');
      assert.equal(r.UserId, 'quirk07@contoso.com');
      assert.equal(r.MailboxOwnerUPN, 'quirk07@contoso.com');
      assert.equal(r.LogonType, 'Owner');
      assert.equal(r.RecordType, 'ExchangeItemAggregated');
    });
  });
});
