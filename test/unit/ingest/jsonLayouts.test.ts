/**
 * Raw AuditData records as JSON lines and as a pretty-printed JSON array, Graph audit log
 * query records (one per line and as a {"value":[...]} page), and the Sekoia test envelope.
 */
import * as assert from 'node:assert/strict';
import { bytesInput, fixture, fixtureBytes, loadOne, rowBy, rows, type Loaded } from './helpers';

describe('ingest: JSON layouts', function () {
  describe('Management Activity API records as JSON lines', function () {
    let loaded: Loaded;
    before(async function () {
      loaded = await loadOne(fixture('ual.jsonl'));
    });

    it('is sniffed as JSON lines; the blank line is no record', function () {
      const f = loaded.ledgers[0]!;
      assert.equal(f.format, 'json-lines');
      assert.deepEqual([f.read, f.loaded, f.rejected], [4, 4, 0]);
    });

    it('reads a Sync by the owner from a new address', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', '0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d');
      assert.equal(r.Time, Date.UTC(2024, 2, 1, 2, 14, 9));
      assert.equal(r.UserId, 'cfo@contoso.com');
      assert.equal(r.ClientIp, '198.51.100.77');
      assert.equal(r.ClientInfoString, 'Client=OWA;Action=ViaProxy');
      assert.equal(r.MailAccessType, 'Sync');
      assert.equal(r.SessionId, '51a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8');
    });

    it('reads an inbox rule from [IPv6]:port, with its parameters', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', '1b2c3d4e-5f6a-4b7c-8d9e-08dc39f0a1b2');
      assert.equal(r.Time, Date.UTC(2024, 2, 1, 2, 20, 44, 123));
      assert.deepEqual([r.ClientIp, r.ClientPort], ['2001:db8:85a3::8a2e:370:7334', 51234]);
      assert.equal((r.Parameters as Record<string, unknown>).MoveToFolder, 'RSS Feeds');
      assert.equal(r.SourceLine, 2);
    });

    it('reads a sign-in record from a ::ffff: mapped address, after the blank line', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f');
      assert.equal(r.RecordType, 'AzureActiveDirectoryStsLogon');
      assert.equal(r.ClientIp, '192.0.2.44');
      assert.equal(r.AppId, 'd3590ed6-52b3-4102-aeff-aad2292ab01c');
      assert.equal(r.SourceLine, 4);
    });

    it('reads an RBAC-for-Applications role assignment: app, role and scope', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', '3d4e5f6a-7b8c-4d9e-0f1a-08dc39f0c3d4');
      assert.equal(r.Grantee, '7f3e2d1c-0b9a-4877-9665-544332211000');
      assert.equal(r.AccessRights, 'Application Mail.Read');
      assert.equal(r.TargetMailbox, 'Finance Mailboxes');
    });
  });

  describe('Search-UnifiedAuditLog output as a pretty-printed JSON array', function () {
    let loaded: Loaded;
    before(async function () {
      loaded = await loadOne(fixture('ual-array.json'));
    });

    it('is sniffed as a JSON document and every element is a record', function () {
      const f = loaded.ledgers[0]!;
      assert.equal(f.format, 'json-document');
      assert.deepEqual([f.read, f.loaded, f.rejected], [3, 3, 0]);
      assert.deepEqual(rows(loaded.ds, 'AuditLogs').map((r) => r.SourceLine), [2, 30, 56]);
    });

    it('reads a folder permission grant: mailbox from "mailbox:\\folder", delegate, rights', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', '4e5f6a7b-8c9d-4e0f-a1b2-08dc3a0b1c2d');
      assert.equal(r.TargetMailbox, 'ceo@contoso.com');
      assert.equal(r.Grantee, 'j.doe.contractor@contoso.com');
      assert.equal(r.AccessRights, 'Reviewer');
    });

    it('is not confused by brackets and quotes inside strings', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', '5f6a7b8c-9d0e-4f1a-b2c3-d4e5f6a7b8c9');
      assert.equal((r.Item as { Subject: string }).Subject, '[EXTERNAL] re: {Q4} wire "urgent" ]},[');
      const next = rowBy(loaded.ds, 'AuditLogs', 'Id', '6a7b8c9d-0e1f-4a2b-c3d4-08dc3a0b9e8f');
      assert.equal(next.Operation, 'Set-ManagementRoleAssignment');
      assert.equal(next.TargetMailbox, 'All Mailboxes');
    });
  });

  for (const [name, layout] of [['graph-audit-records.jsonl', 'json-lines'], ['graph-audit-page.json', 'json-document']] as const) {
    describe(`Graph audit log query records (${name})`, function () {
      let loaded: Loaded;
      before(async function () {
        loaded = await loadOne(fixture(name));
      });

      it(`is sniffed as ${layout} and loads both records`, function () {
        const f = loaded.ledgers[0]!;
        assert.equal(f.format, layout);
        assert.deepEqual([f.read, f.loaded, f.rejected], [2, 2, 0]);
      });

      it('reads the auditData object first (throttled Bind)', function () {
        const r = rowBy(loaded.ds, 'AuditLogs', 'Id', '7b8c9d0e-1f2a-4b3c-d4e5-f6a7b8c9d0e1');
        assert.equal(r.Time, Date.UTC(2024, 2, 4, 10, 0, 0));
        assert.equal(r.RecordType, 'ExchangeItemAggregated');
        assert.equal(r.IsThrottled, true);
        assert.equal(r.MailAccessType, 'Bind');
        assert.equal(r.ItemCount, 1);
      });

      it('falls back to the camelCase top level when auditData lacks a field', function () {
        const r = rowBy(loaded.ds, 'AuditLogs', 'Id', '8c9d0e1f-2a3b-4c4d-e5f6-a7b8c9d0e1f2');
        assert.equal(r.Time, Date.UTC(2024, 2, 4, 10, 5, 30));
        assert.equal(r.Operation, 'Set-MailboxAuditBypassAssociation');
        assert.equal(r.RecordType, 'ExchangeAdmin'); // "exchangeAdmin"
        assert.equal(r.UserType, 'Admin'); // "admin"
        assert.equal(r.UserId, 'admin@contoso.com');
        assert.equal(r.ClientIp, '203.0.113.7');
        assert.equal(r.ObjectId, 'svc-backup@contoso.com');
        assert.equal(r.Workload, 'Exchange');
        assert.equal(r.OrganizationId, '4a7c8b1e-2f3d-4e5a-9b6c-7d8e9f0a1b2c');
      });
    });
  }

  describe('Graph pages in other arrangements', function () {
    const page = JSON.parse(fixtureBytes('graph-audit-page.json').toString('utf8')) as { value: unknown[] };
    it('"value" before the paging links, several pages in one file, an empty page', async function () {
      const first = JSON.stringify({ value: [page.value[0]], '@odata.nextLink': 'https://graph.microsoft.com/beta/x?$skiptoken=1' }, null, 2);
      const empty = JSON.stringify({ '@odata.context': 'x', value: [] }, null, 2);
      const second = JSON.stringify({ '@odata.context': 'x', value: [page.value[1]] }, null, 2);
      const { ds, ledger } = await loadOne(bytesInput('pages.json', [first, empty, second].join('\n')));
      assert.equal(ledger.format, 'json-document');
      assert.deepEqual([ledger.read, ledger.loaded, ledger.rejected], [2, 2, 0]);
      assert.deepEqual(rows(ds, 'AuditLogs').map((r) => r.Operation), ['MailItemsAccessed', 'Set-MailboxAuditBypassAssociation']);
    });
    it('one minified page per line (a collector appending responses)', async function () {
      const text = [JSON.stringify({ value: [page.value[0]] }), JSON.stringify({ value: [page.value[1]] })].join('\n');
      const { ledger } = await loadOne(bytesInput('pages.jsonl', text));
      assert.equal(ledger.format, 'json-lines');
      assert.deepEqual([ledger.read, ledger.loaded], [2, 2]);
    });
  });

  describe('Sekoia-style envelope {"input":{"message":"<record as JSON text>"}}', function () {
    it('unwraps the record from the string and reads it', async function () {
      const { ds, ledger } = await loadOne(fixture('sekoia-envelope.json'));
      assert.deepEqual([ledger.read, ledger.loaded], [1, 1]);
      const r = rowBy(ds, 'AuditLogs', 'Id', '9e0f1a2b-3c4d-4e5f-a6b7-c8d9e0f1a2b3');
      assert.equal(r.Time, Date.UTC(2024, 2, 5, 11, 22, 33));
      assert.equal(r.Operation, 'Remove-MailboxPermission');
      assert.deepEqual([r.ClientIp, r.ClientPort], ['203.0.113.7', 50999]);
      assert.equal(r.Grantee, 'j.doe.contractor@contoso.com');
      assert.equal(r.TargetMailbox, 'ceo@contoso.com');
      assert.equal(r.SourceLine, 1);
    });
  });
});
