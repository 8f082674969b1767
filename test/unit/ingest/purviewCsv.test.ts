/** Purview audit search exports (CSV): the current header and the older one. */
import * as assert from 'node:assert/strict';
import { fixture, loadOne, rowBy, type Loaded } from './helpers';

describe('ingest: Purview audit search export CSV', function () {
  describe('current header (RecordId, CreationDate, RecordType, Operation, UserId, AuditData, ...), CRLF', function () {
    let loaded: Loaded;
    before(async function () {
      loaded = await loadOne(fixture('purview-new.csv'));
    });

    it('is sniffed as a Purview CSV and loads every row', function () {
      const f = loaded.ledgers[0]!;
      assert.equal(f.format, 'csv:purview');
      assert.deepEqual([f.read, f.loaded, f.rejected], [4, 4, 0]);
    });

    it('reads a FullAccess grant with AutoMapping off from the AuditData JSON', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', '3f6b2a10-7c1e-4d2b-9a0e-08dc1f2a3b4c');
      assert.equal(r.Time, Date.UTC(2024, 0, 15, 21, 41, 7));
      assert.equal(r.Operation, 'Add-MailboxPermission');
      assert.equal(r.UserId, 'admin@contoso.com');
      assert.equal(r.UserType, 'Admin');
      assert.equal(r.ResultStatus, 'Succeeded');
      assert.deepEqual([r.ClientIp, r.ClientPort], ['203.0.113.7', 50123]);
      assert.equal(r.TargetMailbox, 'ceo@contoso.com');
      assert.equal(r.Grantee, 'j.doe.contractor@contoso.com');
      assert.equal(r.AccessRights, 'FullAccess');
      assert.equal(r.Automapping, false);
      assert.equal(r.SourceLine, 2);
    });

    it('reads a delegate MailItemsAccessed with folders and an IPv6 client', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', '8d2e4f60-1a3b-4c5d-8e9f-a0b1c2d3e4f5');
      assert.equal(r.LogonType, 'Delegated');
      assert.equal(r.MailboxOwnerUPN, 'ceo@contoso.com');
      assert.deepEqual([r.ClientIp, r.ClientPort], ['2001:db8:4f1::23', null]);
      assert.equal(r.MailAccessType, 'Bind');
      assert.equal(r.IsThrottled, false);
      assert.equal(r.ItemCount, 3);
      assert.deepEqual((r.Folders as Array<{ Path: string }>).map((f) => f.Path), ['\\Inbox', '\\Finance\\Q4']);
      assert.equal(r.SourceLine, 3);
    });

    it('reads -GrantSendOnBehalfTo @{Add=...} as a SendOnBehalf grant', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', 'c4a5b6c7-d8e9-4f01-a2b3-08dc1f2a9999');
      assert.equal(r.TargetMailbox, 'cfo@contoso.com');
      assert.equal(r.Grantee, 'assistant@contoso.com');
      assert.equal(r.AccessRights, 'SendOnBehalf');
    });

    it('reads an Entra consent: period trimmed, "Success" folded, scopes from the JSON-in-string property', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b');
      assert.equal(r.Operation, 'Consent to application');
      assert.equal(r.RecordType, 'AzureActiveDirectory');
      assert.equal(r.ResultStatus, 'Succeeded');
      assert.equal(r.Grantee, 'c0ffee00-1234-4abc-8def-0123456789ab');
      assert.equal(r.AccessRights, 'Mail.Read,offline_access');
      const ext = r.ExtendedProperties as Record<string, unknown>;
      assert.equal(ext.extendedAuditEventCategory, 'ServicePrincipal');
    });
  });

  describe('older header (CreationDate, UserIds, Operations, AuditData)', function () {
    let loaded: Loaded;
    before(async function () {
      loaded = await loadOne(fixture('purview-old.csv'));
    });

    it('is sniffed as a Purview CSV and loads every row', function () {
      const f = loaded.ledgers[0]!;
      assert.equal(f.format, 'csv:purview');
      assert.deepEqual([f.read, f.loaded, f.rejected], [2, 2, 0]);
    });

    it('reads a Sync access from a ::ffff: mapped address', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', 'b7e01c2d-3e4f-4a5b-9c6d-7e8f9a0b1c2d');
      assert.equal(r.Time, Date.UTC(2024, 1, 3, 8, 5, 9));
      assert.equal(r.UserId, 'alice@contoso.com');
      assert.equal(r.LogonType, 'Owner');
      assert.equal(r.ClientIp, '198.51.100.20');
      assert.equal(r.MailAccessType, 'Sync');
      assert.equal(r.ItemCount, 0);
    });

    it('takes the time from the US-style CreationDate column when AuditData has none', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', 'd9c8b7a6-5f4e-4d3c-8b2a-08dc2b3c4d5e');
      assert.equal(r.Time, Date.UTC(2024, 1, 3, 23, 17, 45));
      assert.equal(r.Operation, 'Add-RecipientPermission');
      assert.equal(r.TargetMailbox, 'sales@contoso.com');
      assert.equal(r.Grantee, 'bob@contoso.com');
      assert.equal(r.AccessRights, 'SendAs');
      assert.equal(r.SourceLine, 3);
    });
  });
});
