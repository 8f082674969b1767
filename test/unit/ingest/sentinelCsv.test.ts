/**
 * Sentinel / Log Analytics exports as CSV (UTF-8 BOM, "Column [UTC]" headers, multi-line
 * quoted cells of pretty-printed JSON): OfficeActivity, SigninLogs, AuditLogs.
 */
import * as assert from 'node:assert/strict';
import { fixture, loadOne, rowBy, type Loaded } from './helpers';

describe('ingest: Sentinel CSV exports', function () {
  describe('OfficeActivity', function () {
    let loaded: Loaded;
    before(async function () {
      loaded = await loadOne(fixture('sentinel-office-activity.csv'));
    });

    it('is sniffed from its header, with the BOM noticed', function () {
      const f = loaded.ledgers[0]!;
      assert.equal(f.format, 'csv:officeActivity');
      assert.equal(f.encoding, 'utf-8-bom');
      assert.deepEqual([f.read, f.loaded, f.rejected], [3, 3, 0]);
    });

    it('reads a delegate MailItemsAccessed: multi-line Folders and OperationProperties, [IPv6]:port, numeric RecordType and Logon_Type', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', '6e7f8091-a2b3-4c4d-95e6-f708192a3b4c');
      assert.equal(r.Time, Date.UTC(2024, 2, 1, 2, 14, 9));
      assert.equal(r.RecordType, 'ExchangeItemAggregated');
      assert.equal(r.LogonType, 'Delegated');
      assert.equal(r.UserId, 'cfo@contoso.com');
      assert.equal(r.MailboxOwnerUPN, 'ceo@contoso.com');
      assert.deepEqual([r.ClientIp, r.ClientPort], ['2001:db8::5', 36185]);
      assert.equal(r.MailAccessType, 'Bind');
      assert.equal(r.IsThrottled, false);
      assert.equal(r.ItemCount, 2);
      assert.equal((r.Folders as Array<{ Path: string }>)[0]!.Path, '\\Inbox');
      assert.equal(r.AppId, '7f3e2d1c-0b9a-4877-9665-544332211000');
      assert.equal(r.SourceLine, 2);
    });

    it('reads a FullAccess grant from the multi-line Parameters cell', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', '7f809112-b3c4-4d5e-a6f7-0819a2b3c4d5');
      assert.equal(r.Time, Date.UTC(2024, 2, 1, 1, 58, 41));
      assert.equal(r.ResultStatus, 'Succeeded');
      assert.equal(r.UserType, 'Admin');
      assert.equal(r.Grantee, 'j.doe.contractor@contoso.com');
      assert.equal(r.TargetMailbox, 'ceo@contoso.com');
      assert.equal(r.AccessRights, 'FullAccess');
      assert.equal(r.Automapping, false);
      assert.deepEqual([r.ClientIp, r.ClientPort], ['203.0.113.9', 4420]);
      assert.equal(r.SourceLine, 28);
    });

    it('reads a SharePoint row with an empty ResultStatus and a PM time with milliseconds', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', '80911223-c4d5-4e6f-b708-192a3b4c5d6e');
      assert.equal(r.Time, Date.UTC(2024, 2, 1, 14, 40, 0, 500));
      assert.equal(r.ResultStatus, '');
      assert.equal(r.Workload, 'SharePoint');
      assert.equal(r.ObjectId, 'https://contoso.sharepoint.com/sites/finance/Shared Documents/Q4 wire list.xlsx');
      assert.equal(r.SourceLine, 46);
    });
  });

  describe('SigninLogs', function () {
    let loaded: Loaded;
    before(async function () {
      loaded = await loadOne(fixture('sentinel-signin-logs.csv'));
    });

    it('is sniffed from its header', function () {
      const f = loaded.ledgers[0]!;
      assert.equal(f.format, 'csv:signInLogs');
      assert.deepEqual([f.read, f.loaded, f.loadedByTable.SignIns], [2, 2, 2]);
    });

    it('reads location and status from the multi-line _dynamic cells', function () {
      const ok = rowBy(loaded.ds, 'SignIns', 'Id', '9d0e1f2a-3b4c-4d5e-f6a7-b8c9d0e1f2a3');
      assert.equal(ok.Time, Date.UTC(2024, 2, 1, 2, 9, 58, 123));
      assert.deepEqual([ok.City, ok.State, ok.Country], ['Lagos', 'Lagos', 'NG']);
      assert.equal(ok.ClientAppUsed, 'Exchange ActiveSync');
      assert.equal(ok.ErrorCode, 0);
      assert.equal(ok.ResultStatus, 'Succeeded');
      assert.equal(ok.DeviceOS, 'Android');
      const failed = rowBy(loaded.ds, 'SignIns', 'Id', '0e1f2a3b-4c5d-4e6f-a7b8-c9d0e1f2a3b4');
      assert.equal(failed.ClientAppUsed, 'IMAP4');
      assert.equal(failed.ErrorCode, 50126);
      assert.equal(failed.ResultStatus, 'Failed');
      assert.equal(failed.SourceLine, 13);
    });
  });

  describe('AuditLogs', function () {
    it('reads initiator, target and modified properties from multi-line cells', async function () {
      const { ds, ledger } = await loadOne(fixture('sentinel-audit-logs.csv'));
      assert.equal(ledger.format, 'csv:auditLogs');
      assert.deepEqual([ledger.read, ledger.loaded], [1, 1]);
      const r = rowBy(ds, 'DirectoryAudits', 'Id', 'Directory_3c4d5e6f-7081-492a-b3c4-d5e6f7a8b9c0_PQRST_55667788');
      assert.equal(r.Time, Date.UTC(2024, 2, 1, 3, 12, 44, 871)); // ActivityDateTime, not TimeGenerated
      assert.equal(r.Operation, 'Add app role assignment to service principal');
      assert.equal(r.InitiatedByUser, 'admin@contoso.com');
      assert.equal(r.InitiatedByIp, '203.0.113.7');
      assert.deepEqual([r.TargetName, r.TargetType], ['Microsoft Graph', 'ServicePrincipal']);
      const props = r.ModifiedProperties as Array<{ Name: string; NewValue: unknown }>;
      assert.equal(props.find((p) => p.Name === 'AppRole.Value')!.NewValue, 'Mail.Read');
      assert.equal((r.AdditionalDetails as Record<string, unknown>)['User-Agent'], 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)');
    });
  });
});
