/**
 * Every file of the shared corpus (real exports from public projects, ../shared/corpus)
 * loads with a ledger that adds up, and concrete values come out right per format.
 * Record counts are the ones documented in each folder's SOURCE.txt.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { corpusDir, fileInput, loadAll, requireCorpus, rowBy, rows, type Loaded } from './helpers';

function loadFolder(folder: string): Promise<Loaded> {
  const dir = path.join(corpusDir, folder);
  const files = fs.readdirSync(dir).filter((f) => f !== 'SOURCE.txt').sort();
  return loadAll(...files.map((f) => fileInput(path.join(dir, f), f)));
}

/** "9/20/2023 4:05:03 AM" read as UTC, by this test's own reading of the US format. */
function usTime(s: string): number {
  const m = /^(\d+)\/(\d+)\/(\d{4}),? (\d+):(\d+):(\d+)(?:\.(\d+))? ([AP]M)$/.exec(s);
  assert.ok(m, `US-style time ${s}`);
  const hour12 = Number(m[4]) % 12;
  const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), hour12 + (m[8] === 'PM' ? 12 : 0), Number(m[5]), Number(m[6]), ms);
}

describe('ingest: shared corpus', function () {
  before(function () {
    requireCorpus(this);
  });

  it('every file loads: the records documented in SOURCE.txt are all read; warnings only where a time is missing', async function () {
    const folders = fs.readdirSync(corpusDir).sort();
    const inputs = folders.flatMap((folder) => fs.readdirSync(path.join(corpusDir, folder)).filter((f) => f !== 'SOURCE.txt').sort()
      .map((f) => fileInput(path.join(corpusDir, folder, f), `${folder}/${f}`)));
    const { ds } = await loadAll(...inputs);
    const l = ds.ledger;
    assert.equal(l.files.length, inputs.length);
    assert.equal(l.read, 219 + 25 + 40 + 59 + 327);
    assert.deepEqual([l.loaded, l.duplicates, l.rejected], [663, 1, 6]);
    for (const f of l.files) {
      assert.ok(f.read >= 1, `${f.file} holds records`);
      if (f.file !== 'sentinel-training-lab/AuditLogs_Hunting.csv') assert.equal(f.warningCount, 0, `${f.file}: ${JSON.stringify(f.warnings)}`);
    }
  });

  describe('Huntress CTF Purview audit search export (CSV)', function () {
    let loaded: Loaded;
    before(async function () {
      loaded = await loadFolder('huntress-ctf2023-purview');
    });

    it('reads all 219 rows, loads them into AuditLogs, rejects none', function () {
      const f = loaded.ledgers[0]!;
      assert.equal(f.format, 'csv:purview');
      assert.deepEqual([f.read, f.loaded, f.duplicates, f.rejected], [219, 219, 0, 0]);
      assert.equal(f.loadedByTable.AuditLogs, 219);
    });

    it('reads a FullAccess grant: time, user, grantee, rights, target', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', 'edd35f52-a3dc-47f1-7851-08dbbbed4261');
      assert.equal(r.Time, Date.UTC(2023, 8, 23, 4, 26, 29));
      assert.equal(r.Operation, 'Add-MailboxPermission');
      assert.equal(r.RecordType, 'ExchangeAdmin');
      assert.equal(r.UserId, 'NT AUTHORITY\\SYSTEM (Microsoft.Exchange.ServiceHost)');
      assert.equal(r.UserType, 'DcAdmin');
      assert.equal(r.ResultStatus, 'Succeeded');
      assert.equal(r.AccessRights, 'FullAccess');
      assert.equal(r.Grantee, 'NAMPR10A011.PROD.OUTLOOK.COM/Microsoft Exchange Hosted Organizations/M365B132131.onmicrosoft.com/Discovery Management');
      assert.match(r.TargetMailbox as string, /DiscoverySearchMailbox\{D919BA05-46A6-415f-80AD-7E09334BB852\}$/);
      assert.equal(r.ExternalAccess, true);
      assert.equal(r.SourceLine, 48);
    });

    it('parses ModifiedProperties values that are JSON inside strings (three levels of quoting)', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', '538815b7-273a-4a3f-9957-c86897966eec');
      assert.equal(r.Operation, 'Add service principal');
      assert.equal(r.UserType, 'System');
      const props = r.ModifiedProperties as Array<{ Name: string; NewValue: unknown; OldValue: unknown }>;
      const byName = (n: string) => props.find((p) => p.Name === n)!;
      assert.equal(byName('AccountEnabled').NewValue, true);
      assert.deepEqual(byName('AccountEnabled').OldValue, []);
      assert.equal(byName('DisplayName').NewValue, 'IAMTenantCrawler');
      assert.equal((byName('AppAddress').NewValue as Array<{ Address: string }>)[1]!.Address, 'https://iamtenantcrawler.microsoft.com/reply');
    });

    it('gives every row the same time from the US-style CreationDate column and the zone-less AuditData.CreationTime', function () {
      const text = fs.readFileSync(path.join(corpusDir, 'huntress-ctf2023-purview', 'purview.csv'));
      const csvRows = parseCsv(text, { columns: true }) as Array<Record<string, string>>;
      assert.equal(csvRows.length, 219);
      for (const c of csvRows) {
        const r = rowBy(loaded.ds, 'AuditLogs', 'Id', c.RecordId);
        const inner = JSON.parse(c.AuditData!) as { CreationTime: string };
        assert.equal(r.Time, usTime(c.CreationDate!), `CreationDate of ${c.RecordId}`);
        assert.equal(r.Time, Date.parse(`${inner.CreationTime}Z`), `CreationTime of ${c.RecordId}`);
      }
    });

    it('trims the trailing period of Entra operation names', function () {
      const ops = rows(loaded.ds, 'AuditLogs').map((r) => r.Operation as string);
      assert.equal(ops.filter((o) => o.endsWith('.')).length, 0);
      assert.equal(ops.filter((o) => o === 'Reset user password').length, 34);
      assert.equal(ops.filter((o) => o === 'Update StsRefreshTokenValidFrom Timestamp').length, 34);
      assert.equal(ops.filter((o) => o === 'Add service principal').length, 3);
    });

    it('folds ResultStatus "True" (Exchange) and "Success" (Entra) to Succeeded', function () {
      const statuses = new Set(rows(loaded.ds, 'AuditLogs').map((r) => r.ResultStatus));
      assert.deepEqual([...statuses].sort(), ['', 'Succeeded']);
    });

    it('loads both spellings of a user that differ only in case', function () {
      const ids = rows(loaded.ds, 'AuditLogs').map((r) => r.UserId as string);
      assert.equal(ids.filter((u) => u === 'DebraB@M365B132131.OnMicrosoft.com').length, 56);
      assert.equal(ids.filter((u) => u === 'debrab@m365b132131.onmicrosoft.com').length, 23);
    });

    it('splits the port off ClientIP', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', '73bd3bf0-83df-48b7-8363-08dbbe344024');
      assert.equal(r.Operation, 'New-InboxRule');
      assert.equal(r.ClientIp, '185.73.124.135');
      assert.equal(r.ClientPort, 12287);
      const noPort = rows(loaded.ds, 'AuditLogs').find((x) => x.Operation === 'UserLoggedIn')!;
      assert.equal(noPort.ClientIp, '185.73.124.135');
      assert.equal(noPort.ClientPort, null);
    });
  });

  describe('Sekoia Office 365 Management Activity records ({"input":{"message":"<json>"}})', function () {
    let loaded: Loaded;
    before(async function () {
      loaded = await loadFolder('sekoia-o365');
    });

    it('reads 59 records: 58 loaded, one exact repeat counted as a duplicate', function () {
      const l = loaded.ds.ledger;
      assert.deepEqual([l.read, l.loaded, l.duplicates, l.rejected], [59, 58, 1, 0]);
      const dup = loaded.ledgers.find((f) => f.duplicates === 1)!;
      assert.equal(dup.file, 'automated_investigation_and_response_with_additional_fields.json');
    });

    it('reads a MailItemsAccessed record: zone-less time, owner logon, Bind, folders and items', function () {
      const r = rowBy(loaded.ds, 'AuditLogs', 'Id', '461a38ce-fc36-4a4d-b73e-643262cc063f');
      assert.equal(r.Time, Date.UTC(2023, 8, 15, 18, 16, 53));
      assert.equal(r.UserId, 'user1');
      assert.equal(r.Operation, 'MailItemsAccessed');
      assert.equal(r.RecordType, 'ExchangeItemAggregated');
      assert.equal(r.LogonType, 'Owner');
      assert.equal(r.MailAccessType, 'Bind');
      assert.equal(r.IsThrottled, false);
      assert.equal(r.ItemCount, 3);
      assert.equal(r.OperationCount, 3);
      assert.equal(r.ClientIp, '192.0.2.1');
      assert.equal(r.MailboxGuid, '03d9e949-cbc1-4dd2-b7ba-8a1d1e0207b5');
      assert.equal((r.Folders as Array<{ Path: string }>)[0]!.Path, '\\Brouillons');
    });

    it('keeps OperationProperties as a bag (the rule of an UpdateInboxRules), and leaves it empty where MailAccessType and IsThrottled say all', function () {
      const r = rows(loaded.ds, 'AuditLogs').find((x) => x.SourceFile === 'operation_properties_01.json')!;
      const props = r.OperationProperties as Record<string, unknown>;
      assert.equal(props.RuleOperation, 'ModifyMailboxRule');
      assert.equal(props.RuleCondition, '{(Exists(ItemClass))}');
      assert.match(props.RuleActions as string, /"ActionType":"Forward"/);
      const mail = rows(loaded.ds, 'AuditLogs').filter((x) => x.Operation === 'MailItemsAccessed' && x.MailAccessType !== '');
      assert.ok(mail.length > 0);
      for (const m of mail) assert.equal(m.OperationProperties, null);
    });

    it('names LogonType 2 Delegated', function () {
      const r = rows(loaded.ds, 'AuditLogs').find((x) => x.SourceFile === 'operation_properties_01.json')!;
      assert.equal(r.LogonType, 'Delegated');
    });

    it('reads ClientIP forms: ::ffff: mapped, IPv6, with port, <null>', function () {
      const by = (file: string): Record<string, unknown> => rows(loaded.ds, 'AuditLogs').find((x) => x.SourceFile === file)!;
      assert.equal(by('teams_message_has_link.json').ClientIp, '1.2.3.4');
      assert.equal(by('clientipadress.json').ClientIp, 'FE80::');
      assert.deepEqual([by('user_logged_in.json').ClientIp, by('user_logged_in.json').ClientPort], ['1.2.3.4', 8085]);
      assert.deepEqual([by('inbox_rule.json').ClientIp, by('inbox_rule.json').ClientPort], ['1.2.3.4', 63070]);
      assert.equal(by('update_user.json').ClientIp, '');
    });

    it('folds the ResultStatus spellings and keeps an unknown one', function () {
      const status = (file: string): unknown => rows(loaded.ds, 'AuditLogs').find((x) => x.SourceFile === file)!.ResultStatus;
      assert.equal(status('file_visited.json'), 'Succeeded'); // TRUE
      assert.equal(status('compliancemanager-scorechange.json'), 'Succeeded'); // Successful
      assert.equal(status('update_user.json'), 'Succeeded'); // Success
      assert.equal(status('inbox_rule.json'), 'Succeeded'); // True
      assert.equal(status('mcas_alert.json'), 'New');
    });

    it('reads a consent: operation without its period, the app as grantee, the scopes as rights', function () {
      const r = rows(loaded.ds, 'AuditLogs').find((x) => x.SourceFile === 'ad_2.json')!;
      assert.equal(r.Operation, 'Consent to application');
      assert.equal(r.Grantee, '11111111-1111-1111-1111-111111111111');
      assert.equal(r.AccessRights, 'openid,profile,email,offline_access');
      assert.equal(r.UserId, 'john.doe@example.com');
    });
  });

  describe('Sekoia Azure Monitor diagnostic records (Event Hub)', function () {
    let loaded: Loaded;
    before(async function () {
      loaded = await loadFolder('sekoia-azuread-eventhub');
    });

    it('loads sign-ins and audit logs and rejects the categories it does not load, with the reason', function () {
      const l = loaded.ds.ledger;
      assert.deepEqual([l.read, l.loaded, l.duplicates, l.rejected], [25, 19, 0, 6]);
      const rejected = loaded.ledgers.filter((f) => f.rejected > 0);
      assert.deepEqual(rejected.map((f) => f.file).sort(), [
        'graph_activity.json', 'graph_activity_1.json', 'graph_activity_2.json',
        'user_risk_detection.json', 'user_risk_detection_2.json', 'user_risk_detection_3.json',
      ]);
      for (const f of rejected) {
        assert.equal(f.rejections.length, 1);
        const r = f.rejections[0]!;
        assert.equal(r.file, f.file);
        assert.equal(r.line, 1);
        const category = f.file.startsWith('graph') ? 'MicrosoftGraphActivityLogs' : 'UserRiskEvents';
        assert.match(r.reason, new RegExp(`Azure Monitor category "${category}" is not loaded`));
      }
    });

    it('reads a failed sign-in: time, city, country, client app, error code', function () {
      const r = rows(loaded.ds, 'SignIns').find((x) => x.SourceFile === 'sign-in_activity.json')!;
      assert.equal(r.Time, Date.UTC(2022, 2, 30, 14, 52, 21, 706));
      assert.equal(r.City, 'Bordeaux');
      assert.equal(r.Country, 'FR');
      assert.equal(r.ClientAppUsed, 'Browser');
      assert.equal(r.ErrorCode, 50158);
      assert.equal(r.ResultStatus, 'Failed');
      assert.equal(r.FailureReason, 'External security challenge was not satisfied.');
      assert.equal(r.Category, 'SignInLogs');
    });

    it('keeps a full IPv6 sign-in address', function () {
      const r = rows(loaded.ds, 'SignIns').find((x) => x.SourceFile === 'empty_geolocalisation.json')!;
      assert.equal(r.IpAddress, '2001:0db8:85a3:0000:0000:8a2e:0370:7334');
      assert.equal(r.City, '');
      assert.equal(r.ClientAppUsed, 'Exchange Web Services');
    });

    it('reads an app role assignment: initiator, target and the modified property', function () {
      const r = rows(loaded.ds, 'DirectoryAudits').find((x) => x.SourceFile === 'app_role.json')!;
      assert.equal(r.Operation, 'Add app role assignment to service principal');
      assert.equal(r.InitiatedByUser, 'JDOE-AAD@example.onmicrosoft.com');
      assert.equal(r.InitiatedByIp, '5.6.7.8');
      assert.equal(r.TargetName, 'Office 365 Exchange Online');
      assert.equal(r.TargetType, 'ServicePrincipal');
      assert.equal(r.Result, 'Succeeded');
      const props = r.ModifiedProperties as Array<{ Name: string; NewValue: unknown }>;
      assert.equal(props.find((p) => p.Name === 'AppRole.Value')!.NewValue, 'SMTP.SendAsApp');
    });
  });

  describe('Sekoia Graph API directory audits and sign-in', function () {
    let loaded: Loaded;
    before(async function () {
      loaded = await loadFolder('sekoia-entraid-graphapi');
    });

    it('loads all 40 records: 39 directory audits and one sign-in', function () {
      const l = loaded.ds.ledger;
      assert.deepEqual([l.read, l.loaded, l.rejected], [40, 40, 0]);
      assert.equal(loaded.ds.tables.DirectoryAudits.numRows(), 39);
      assert.equal(loaded.ds.tables.SignIns.numRows(), 1);
    });

    it('reads the Graph sign-in: location, status, client', function () {
      const r = rows(loaded.ds, 'SignIns')[0]!;
      assert.equal(r.Time, Date.UTC(2023, 11, 1, 16, 3, 35));
      assert.equal(r.City, 'Redmond');
      assert.equal(r.State, 'Washington');
      assert.equal(r.Country, 'US');
      assert.equal(r.ClientAppUsed, 'Browser');
      assert.equal(r.ErrorCode, 0);
      assert.equal(r.AppDisplayName, 'Graph explorer');
    });

    it('reads a directory audit: initiator, target type (spelled "Type"), modified property', function () {
      const r = rows(loaded.ds, 'DirectoryAudits').find((x) => x.SourceFile === 'test_directory_audit.json')!;
      assert.equal(r.Time, Date.UTC(2018, 0, 9, 21, 20, 2, 721));
      assert.equal(r.InitiatedByUser, 'test@test.test');
      assert.equal(r.InitiatedByIp, '127.0.0.1');
      assert.equal(r.TargetName, 'testValue2');
      assert.equal(r.TargetType, 'Group');
      assert.deepEqual(r.ModifiedProperties, [{ Target: 'testValue2', Name: 'testValue3', OldValue: null, NewValue: 'DirectorySync' }]);
    });
  });

  describe('Sentinel training lab (Log Analytics CSV exports)', function () {
    let loaded: Loaded;
    before(async function () {
      loaded = await loadFolder('sentinel-training-lab');
    });

    it('loads 266 OfficeActivity, 56 SigninLogs and 5 AuditLogs rows', function () {
      const by = (name: string) => loaded.ledgers.find((f) => f.file === name)!;
      assert.equal(by('office_activity.csv').format, 'csv:officeActivity');
      assert.equal(by('office_activity.csv').encoding, 'utf-8-bom');
      assert.deepEqual([by('office_activity.csv').read, by('office_activity.csv').loaded], [266, 266]);
      assert.deepEqual([by('sign-in_adelete.csv').read, by('sign-in_adelete.csv').loaded], [56, 56]);
      assert.deepEqual([by('AuditLogs_Hunting.csv').read, by('AuditLogs_Hunting.csv').loaded], [5, 5]);
      assert.equal(loaded.ds.ledger.rejected, 0);
    });

    it('parses the multi-line JSON cells of OfficeActivity (Folders) and the IPv6 client', function () {
      const r = rows(loaded.ds, 'AuditLogs').find((x) => x.SourceFile === 'office_activity.csv' && x.SourceLine === 4)!;
      assert.equal(r.Operation, 'MailItemsAccessed');
      assert.equal(r.Time, Date.UTC(2021, 3, 28, 14, 54, 37));
      assert.equal(r.RecordType, 'ExchangeItemAggregated'); // "50" as text
      assert.equal(r.ClientIp, '2603:10b6:5:345::11');
      assert.equal(r.LogonType, 'Owner');
      assert.equal(r.MailboxOwnerUPN, 'AdeleV@M365x816222.OnMicrosoft.com');
      const folders = r.Folders as Array<{ Path: string; FolderItems: unknown[] }>;
      assert.deepEqual(folders.map((f) => f.Path), ['\\Inbox', '\\Sent Items']);
      assert.equal(r.ItemCount, 3);
    });

    it('parses the multi-line Parameters cell of a cmdlet and splits [IPv6]:port', function () {
      const rule = rows(loaded.ds, 'AuditLogs').find((x) => x.Operation === 'New-InboxRule')!;
      assert.equal((rule.Parameters as Record<string, unknown>).Name, 'junk');
      assert.equal((rule.Parameters as Record<string, unknown>).SubjectContainsWords, 'legal');
      assert.deepEqual([rule.ClientIp, rule.ClientPort], ['175.45.176.99', 17362]);
      const mailbox = rows(loaded.ds, 'AuditLogs').find((x) => x.Operation === 'New-Mailbox')!;
      assert.deepEqual([mailbox.ClientIp, mailbox.ClientPort], ['2603:1036:4:3f::5', 1672]);
      const folderPerm = rows(loaded.ds, 'AuditLogs').find((x) => x.Operation === 'ModifyFolderPermissions')!;
      assert.equal(folderPerm.LogonType, 'Admin');
    });

    it('reads a SigninLogs row: "M/D/YYYY, h:mm:ss.fff PM" time, city, country, client, error code', function () {
      const r = rows(loaded.ds, 'SignIns').find((x) => x.SourceLine === 2)!;
      assert.equal(r.Time, Date.UTC(2021, 3, 28, 14, 8, 45, 221));
      assert.equal(r.City, 'Azor');
      assert.equal(r.Country, 'IL');
      assert.equal(r.ClientAppUsed, 'Browser');
      assert.equal(r.AppDisplayName, 'Azure Portal');
      assert.equal(r.ErrorCode, 0);
      assert.equal(r.ResultStatus, 'Succeeded');
    });

    it('loads the AuditLogs projection that has no time column with NaN Time and one warning per row', function () {
      const f = loaded.ledgers.find((x) => x.file === 'AuditLogs_Hunting.csv')!;
      assert.equal(f.warningCount, 5);
      assert.deepEqual(f.warnings.map((w) => w.line), [2, 3, 4, 5, 6]);
      for (const w of f.warnings) {
        assert.equal(w.file, 'AuditLogs_Hunting.csv');
        assert.match(w.reason, /no time/);
      }
      const audits = rows(loaded.ds, 'DirectoryAudits');
      assert.equal(audits.length, 5);
      for (const r of audits) assert.ok(Number.isNaN(r.Time));
      const first = audits.find((r) => r.SourceLine === 2)!;
      assert.equal(first.Operation, 'Update application \u2013 Certificates and secrets management');
      assert.equal(first.InitiatedByUser, 'victim@buildseccxpninja.onmicrosoft.com');
      assert.equal(first.InitiatedByIp, '45.153.160.2');
      assert.equal(first.TargetName, 'purview-spn-user099');
    });
  });
});
