/**
 * Dedupe: a record whose Id was already loaded at the same time is a duplicate (overlapping
 * exports repeat records exactly); the same Id at another time is kept (anonymised samples
 * reuse Ids). The first copy is the one kept; duplicates are counted in the ledger.
 */
import * as assert from 'node:assert/strict';
import { bytesInput, fixture, loadAll, loadOne, rows } from './helpers';

function record(id: string, time: string, user = 'a@contoso.com'): string {
  return JSON.stringify({ CreationTime: time, Id: id, Operation: 'MailItemsAccessed', RecordType: 50, UserId: user, Workload: 'Exchange' });
}

describe('ingest: duplicate records', function () {
  it('same Id and same time within a file: counted as a duplicate, the first kept', async function () {
    const text = [
      record('id-1', '2024-05-01T10:00:00', 'first@contoso.com'),
      record('id-2', '2024-05-01T10:00:01'),
      record('id-1', '2024-05-01T10:00:00Z', 'second@contoso.com'), // same instant, other spelling
    ].join('\n');
    const { ds, ledger } = await loadOne(bytesInput('dup.jsonl', text));
    assert.deepEqual([ledger.read, ledger.loaded, ledger.duplicates, ledger.rejected], [3, 2, 1, 0]);
    const kept = rows(ds, 'AuditLogs').filter((r) => r.Id === 'id-1');
    assert.equal(kept.length, 1);
    assert.equal(kept[0]!.UserId, 'first@contoso.com');
    assert.equal(kept[0]!.SourceLine, 1);
  });

  it('same Id at a different time: kept (anonymised samples reuse Ids)', async function () {
    const text = [record('ANONYMIZED', '2024-05-01T10:00:00'), record('ANONYMIZED', '2024-05-02T10:00:00'), record('ANONYMIZED', '2024-05-03T10:00:00')].join('\n');
    const { ds, ledger } = await loadOne(bytesInput('anon.jsonl', text));
    assert.deepEqual([ledger.read, ledger.loaded, ledger.duplicates], [3, 3, 0]);
    assert.equal(rows(ds, 'AuditLogs').length, 3);
  });

  it('a repeat of a record kept at a second time is a duplicate too', async function () {
    const text = [record('X', '2024-05-01T10:00:00'), record('X', '2024-05-02T10:00:00'), record('X', '2024-05-02T10:00:00'), record('X', '2024-05-01T10:00:00')].join('\n');
    const { ledger } = await loadOne(bytesInput('x.jsonl', text));
    assert.deepEqual([ledger.read, ledger.loaded, ledger.duplicates], [4, 2, 2]);
  });

  it('overlapping exports: the second file\'s copies are duplicates, counted in its own ledger', async function () {
    const { ds, ledgers } = await loadAll(fixture('ual.jsonl'), fixture('ual.jsonl'));
    assert.deepEqual([ledgers[0]!.loaded, ledgers[0]!.duplicates], [4, 0]);
    assert.deepEqual([ledgers[1]!.read, ledgers[1]!.loaded, ledgers[1]!.duplicates], [4, 0, 4]);
    assert.deepEqual([ds.ledger.read, ds.ledger.loaded, ds.ledger.duplicates], [8, 4, 4]);
    assert.ok(rows(ds, 'AuditLogs').every((r) => ds.files[0]!.name === r.SourceFile));
  });

  it('the same records in another format are duplicates of the first load', async function () {
    // The Graph page and the Graph JSON lines fixture hold the same two records.
    const { ledgers } = await loadAll(fixture('graph-audit-page.json'), fixture('graph-audit-records.jsonl'));
    assert.deepEqual([ledgers[1]!.read, ledgers[1]!.duplicates, ledgers[1]!.loaded], [2, 2, 0]);
  });

  it('Ids are per table: a sign-in and an audit record may share one', async function () {
    const signIn = JSON.stringify({ id: 'shared-id', createdDateTime: '2024-05-01T10:00:00Z', appDisplayName: 'Office 365 Exchange Online', userPrincipalName: 'a@contoso.com', status: { errorCode: 0 } });
    const { ledger } = await loadOne(bytesInput('mixed.jsonl', [record('shared-id', '2024-05-01T10:00:00'), signIn].join('\n')));
    assert.deepEqual([ledger.loaded, ledger.duplicates], [2, 0]);
    assert.deepEqual(ledger.loadedByTable, { AuditLogs: 1, SignIns: 1, DirectoryAudits: 0 });
  });

  it('records without an Id are never duplicates', async function () {
    const noId = JSON.stringify({ CreationTime: '2024-05-01T10:00:00', Operation: 'MailItemsAccessed', RecordType: 50, UserId: 'a@contoso.com' });
    const { ledger } = await loadOne(bytesInput('noid.jsonl', [noId, noId].join('\n')));
    assert.deepEqual([ledger.loaded, ledger.duplicates], [2, 0]);
  });
});
