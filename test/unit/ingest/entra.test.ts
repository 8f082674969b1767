/**
 * Entra sign-ins and directory audits: Graph pages (auditLogs/signIns, auditLogs/directoryAudits)
 * and the Azure Monitor diagnostic-settings shape {"records":[{time, category, properties}]}.
 */
import * as assert from 'node:assert/strict';
import { fixture, loadOne, rowBy, type Loaded } from './helpers';

describe('ingest: Entra sign-ins and directory audits', function () {
  describe('Graph auditLogs/signIns page', function () {
    let loaded: Loaded;
    before(async function () {
      loaded = await loadOne(fixture('graph-signins.json'));
    });

    it('loads each element of "value" into SignIns', function () {
      const f = loaded.ledgers[0]!;
      assert.deepEqual([f.read, f.loaded, f.loadedByTable.SignIns], [2, 2, 2]);
    });

    it('reads a successful Exchange ActiveSync sign-in from Lagos', function () {
      const r = rowBy(loaded.ds, 'SignIns', 'Id', '9d0e1f2a-3b4c-4d5e-f6a7-b8c9d0e1f2a3');
      assert.equal(r.Time, Date.UTC(2024, 2, 1, 2, 9, 58));
      assert.equal(r.UserPrincipalName, 'cfo@contoso.com');
      assert.equal(r.ClientAppUsed, 'Exchange ActiveSync');
      assert.equal(r.AppDisplayName, 'Office 365 Exchange Online');
      assert.equal(r.IpAddress, '198.51.100.77');
      assert.deepEqual([r.City, r.State, r.Country], ['Lagos', 'Lagos', 'NG']);
      assert.deepEqual([r.Latitude, r.Longitude], [6.455, 3.3941]);
      assert.equal(r.ErrorCode, 0);
      assert.equal(r.ResultStatus, 'Succeeded');
      assert.equal(r.DeviceOS, 'Android');
    });

    it('reads a failed legacy IMAP sign-in with a +00:00 time and 7 fraction digits', function () {
      const r = rowBy(loaded.ds, 'SignIns', 'Id', '0e1f2a3b-4c5d-4e6f-a7b8-c9d0e1f2a3b4');
      assert.equal(r.Time, Date.UTC(2024, 2, 1, 2, 8, 11, 562));
      assert.equal(r.ClientAppUsed, 'IMAP4');
      assert.equal(r.ErrorCode, 50126);
      assert.equal(r.ResultStatus, 'Failed');
      assert.equal(r.FailureReason, 'Error validating credentials due to invalid username or password.');
    });
  });

  describe('Graph auditLogs/directoryAudits page', function () {
    let loaded: Loaded;
    before(async function () {
      loaded = await loadOne(fixture('graph-directory-audits.json'));
    });

    it('reads a consent: initiator, target, modified properties with JSON-in-string values', function () {
      const r = rowBy(loaded.ds, 'DirectoryAudits', 'Id', 'Directory_0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9_ABCDE_12345678');
      assert.equal(r.Time, Date.UTC(2024, 0, 15, 21, 50, 12, 345));
      assert.equal(r.Operation, 'Consent to application');
      assert.equal(r.Result, 'Succeeded');
      assert.equal(r.InitiatedByUser, 'admin@contoso.com');
      assert.equal(r.InitiatedByIp, '203.0.113.7');
      assert.deepEqual([r.TargetName, r.TargetType, r.TargetId], ['Mail Archiver Pro', 'ServicePrincipal', 'c0ffee00-1234-4abc-8def-0123456789ab']);
      const props = r.ModifiedProperties as Array<{ Name: string; NewValue: unknown }>;
      assert.equal(props.find((p) => p.Name === 'ConsentContext.IsAdminConsent')!.NewValue, 'True');
      assert.match(props.find((p) => p.Name === 'ConsentAction.Permissions')!.NewValue as string, /Scope: {2}Mail\.Read offline_access/);
      assert.equal((r.AdditionalDetails as Record<string, unknown>).AppId, '7f3e2d1c-0b9a-4877-9665-544332211000');
    });

    it('reads a change made by an app; trims the trailing space, keeps the en dash', function () {
      const r = rowBy(loaded.ds, 'DirectoryAudits', 'Id', 'Directory_1b2c3d4e-5f60-4718-9293-a4b5c6d7e8f9_FGHIJ_87654321');
      assert.equal(r.Operation, 'Update application \u2013 Certificates and secrets management');
      assert.equal(r.Result, 'Failed');
      assert.equal(r.InitiatedByUser, '');
      assert.equal(r.InitiatedByApp, 'Mail Archiver Pro');
      assert.equal(r.InitiatedByAppId, '7f3e2d1c-0b9a-4877-9665-544332211000');
      const props = r.ModifiedProperties as Array<{ Name: string; OldValue: unknown; NewValue: unknown }>;
      assert.deepEqual(props[0]!.OldValue, []);
      assert.match(props[0]!.NewValue as string, /^\[KeyIdentifier=11ca002d/);
    });
  });

  describe('Azure Monitor diagnostic settings export {"records":[...]}', function () {
    let loaded: Loaded;
    before(async function () {
      loaded = await loadOne(fixture('azure-monitor-records.json'));
    });

    it('routes sign-in categories to SignIns, AuditLogs to DirectoryAudits, and rejects other categories with the reason', function () {
      const f = loaded.ledgers[0]!;
      assert.deepEqual([f.read, f.loaded, f.rejected], [4, 3, 1]);
      assert.deepEqual(f.loadedByTable, { AuditLogs: 0, SignIns: 2, DirectoryAudits: 1 });
      const rejection = f.rejections[0]!;
      assert.equal(rejection.file, 'azure-monitor-records.json');
      assert.equal(rejection.line, 122);
      assert.match(rejection.reason, /category "MicrosoftGraphActivityLogs" is not loaded/);
    });

    it('reads the sign-in from its properties', function () {
      const r = rowBy(loaded.ds, 'SignIns', 'Id', '1f2a3b4c-5d6e-4f70-8192-a3b4c5d6e7f9');
      assert.equal(r.Time, Date.UTC(2024, 2, 1, 2, 9, 58, 123));
      assert.equal(r.ClientAppUsed, 'Exchange ActiveSync');
      assert.equal(r.Category, 'SignInLogs');
      assert.equal(r.Country, 'NG');
      assert.equal(r.SourceLine, 3);
    });

    it('reads a non-interactive sign-in (an app acting for the user)', function () {
      const r = rowBy(loaded.ds, 'SignIns', 'Id', '2a3b4c5d-6e7f-4081-92a3-b4c5d6e7f8a0');
      assert.equal(r.Time, Date.UTC(2024, 2, 1, 2, 31, 7));
      assert.equal(r.Category, 'NonInteractiveUserSignInLogs');
      assert.equal(r.AppDisplayName, 'Mail Archiver Pro');
      assert.equal(r.IsInteractive, false);
    });

    it('reads a delegated permission grant from the AuditLogs category', function () {
      const r = rowBy(loaded.ds, 'DirectoryAudits', 'Id', 'Directory_2b3c4d5e-6f70-4819-a2b3-c4d5e6f7a8b9_KLMNO_11223344');
      assert.equal(r.Operation, 'Add delegated permission grant');
      assert.equal(r.InitiatedByUser, 'admin@contoso.com');
      assert.equal(r.TargetName, 'Microsoft Graph');
      const props = r.ModifiedProperties as Array<{ Name: string; NewValue: unknown }>;
      assert.equal(props.find((p) => p.Name === 'DelegatedPermissionGrant.Scope')!.NewValue, ' Mail.Read Mail.Send');
      assert.equal(props.find((p) => p.Name === 'ServicePrincipal.AppId')!.NewValue, '7f3e2d1c-0b9a-4877-9665-544332211000');
    });
  });
});
