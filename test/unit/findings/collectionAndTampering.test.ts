import * as assert from 'node:assert/strict';
import { DatasetLoader } from '../../../src/core/ingest';
import { at, mailAccess, tables } from './support/tables';
import { evidenceIds, findingsOf, points } from './support/run';

const MIN = 60_000;

function discovery(id: string, time: string, operation: string, objectId: string, user = 'amara@contoso.com'): Record<string, unknown> {
  return { Id: id, Time: at(time), Operation: operation, RecordType: 'Discovery', Workload: 'SecurityComplianceCenter', UserId: user, ObjectId: objectId };
}

function cmdlet(id: string, time: string, operation: string, parameters: Record<string, string>, user = 'admin@contoso.com'): Record<string, unknown> {
  return { Id: id, Time: at(time), Operation: operation, RecordType: 'ExchangeAdmin', ResultStatus: 'Succeeded', UserId: user, Parameters: parameters };
}

describe('findings rule: ediscovery-collection', () => {
  it('chains created -> started -> exported -> downloaded per actor and search, and says no MailItemsAccessed exists', () => {
    const t = tables({
      AuditLogs: [
        discovery('d1', '2024-03-05T10:00:00', 'SearchCreated', 'Q3 vendor review'),
        discovery('d2', '2024-03-05T10:02:00', 'SearchStarted', 'Q3 vendor review'),
        discovery('d3', '2024-03-05T11:00:00', 'SearchExported', 'Q3 vendor review_Export'),
        discovery('d4', '2024-03-05T12:00:00', 'SearchExportDownloaded', 'Q3 vendor review_Export'),
        discovery('other', '2024-03-05T10:00:00', 'SearchCreated', 'Litigation hold check', 'legal@contoso.com'),
      ],
    });
    const fs = findingsOf('ediscovery-collection', t);
    assert.equal(fs.length, 2);
    const chain = fs.find((f) => f.actor === 'amara@contoso.com')!;
    assert.deepEqual(evidenceIds(chain), ['d1', 'd2', 'd3', 'd4']);
    assert.deepEqual(chain.details.steps, ['created', 'started', 'exported', 'downloaded']);
    assert.equal(points(chain, /downloaded/), 15);
    assert.equal(chain.severity, 'high');
    assert.match(chain.description, /writes no MailItemsAccessed/);
    assert.equal(chain.remediation[0]!.powershell.split('\n')[1], "Remove-ComplianceSearch -Identity 'Q3 vendor review' -Confirm:$false");
    const created = fs.find((f) => f.actor === 'legal@contoso.com')!;
    assert.equal(created.severity, 'low');
  });
});

describe('findings rule: ediscovery-collection reads the search query', () => {
  it('takes ContentMatchQuery from the cmdlet\'s PowerShell parameter string as loaded, and weighs credential and payment terms', async () => {
    // Security & Compliance cmdlet records (RecordType 18) as the audit log writes them: Parameters is one string.
    const record = (id: string, time: string, op: string, parameters: string, user: string): string => JSON.stringify({
      CreationTime: time, Id: id, Operation: op, RecordType: 18, ResultStatus: 'True', UserType: 2, Workload: 'SecurityComplianceCenter',
      UserId: user, ClientIP: '203.0.113.9', ObjectId: '', Parameters: parameters,
    });
    const lines = [
      record('s1', '2024-03-05T23:09:00', 'New-ComplianceSearch', `-Name "Q3 vendor review" -ExchangeLocation "All" -ContentMatchQuery 'password OR "wire transfer"'`, 'eve@contoso.com'),
      record('s2', '2024-03-05T23:10:00', 'Start-ComplianceSearch', '-Identity "Q3 vendor review"', 'eve@contoso.com'),
      record('h1', '2024-03-05T10:00:00', 'New-ComplianceSearch', `-Name "Hold 7" -ContentMatchQuery 'project falcon'`, 'legal@contoso.com'),
    ];
    const loader = new DatasetLoader();
    await loader.load({ name: 'sc.jsonl', async *open() { yield Buffer.from(lines.join('\n')); } });
    const fs = findingsOf('ediscovery-collection', loader.finish().tables);
    const eve = fs.find((f) => f.actor === 'eve@contoso.com')!;
    assert.deepEqual(evidenceIds(eve), ['s1', 's2']);
    assert.equal(eve.details.search, 'Q3 vendor review');
    assert.equal(eve.details.query, 'password OR "wire transfer"');
    assert.equal(points(eve, /the query asks for "password"/), 10);
    assert.ok(eve.description.endsWith(`The search's query: password OR "wire transfer"`), eve.description);
    const legal = fs.find((f) => f.actor === 'legal@contoso.com')!;
    assert.equal(legal.details.query, 'project falcon');
    assert.deepEqual(legal.reasons.filter((r) => /query/.test(r.text)), [{ points: 0, text: 'the query: project falcon' }]);
  });

  it('takes the query of Discovery records (RecordType 24), which carry it at the top level and have no parameters', async () => {
    const record = (id: string, time: string, op: string, objectId: string, query: string): string => JSON.stringify({
      CreationTime: time, Id: id, Operation: op, RecordType: 24, UserType: 0, Workload: 'SecurityComplianceCenter',
      UserId: 'eve@contoso.com', ClientIP: '203.0.113.9', ObjectId: objectId, Case: '', ObjectType: 'Search',
      ExchangeLocations: ['All'], Query: query, StartTime: time,
    });
    const lines = [
      record('d1', '2024-03-05T23:09:00', 'SearchCreated', 'Exec mail', '(subject:invoice) OR (iban)'),
      record('d2', '2024-03-05T23:30:00', 'SearchExported', 'Exec mail_Export', ''),
    ];
    const loader = new DatasetLoader();
    await loader.load({ name: 'discovery.jsonl', async *open() { yield Buffer.from(lines.join('\n')); } });
    const tables = loader.finish().tables;
    assert.deepEqual(tables.AuditLogs.array('SearchQuery'), ['(subject:invoice) OR (iban)', '']);
    const [search] = findingsOf('ediscovery-collection', tables);
    assert.deepEqual(evidenceIds(search!), ['d1', 'd2']);
    assert.equal(search!.details.query, '(subject:invoice) OR (iban)');
    assert.equal(points(search!, /the query asks for "invoice"/), 10);
  });

  it('gives the cmdlets\' ContentMatchQuery as the SearchQuery column', async () => {
    const line = JSON.stringify({
      CreationTime: '2024-03-05T23:09:00', Id: 's1', Operation: 'New-ComplianceSearch', RecordType: 18, UserId: 'eve@contoso.com',
      Parameters: `-Name "Q3" -ContentMatchQuery 'password OR "wire transfer"'`,
    });
    const loader = new DatasetLoader();
    await loader.load({ name: 'sc.jsonl', async *open() { yield Buffer.from(line); } });
    assert.deepEqual(loader.finish().tables.AuditLogs.array('SearchQuery'), ['password OR "wire transfer"']);
  });
});

describe('findings rule: audit-tampering', () => {
  it('reports auditing turned off, bypass on, organisation audit off and UAL ingestion off', () => {
    const t = tables({
      AuditLogs: [
        cmdlet('a1', '2024-03-05T10:00:00', 'Set-Mailbox', { Identity: 'cfo@contoso.com', AuditEnabled: 'False' }),
        cmdlet('a2', '2024-03-05T10:01:00', 'Set-MailboxAuditBypassAssociation', { Identity: 'eve@contoso.com', AuditBypassEnabled: 'True' }),
        cmdlet('a3', '2024-03-05T10:02:00', 'Set-OrganizationConfig', { AuditDisabled: '$true' }),
        cmdlet('a4', '2024-03-05T10:03:00', 'Set-AdminAuditLogConfig', { UnifiedAuditLogIngestionEnabled: '$false' }),
      ],
    });
    const byId = new Map(findingsOf('audit-tampering', t).map((f) => [evidenceIds(f)[0], f]));
    assert.equal(byId.get('a1')!.baseScore, 70);
    assert.equal(byId.get('a1')!.mailbox, 'cfo@contoso.com');
    assert.equal(byId.get('a1')!.remediation[0]!.powershell, "Set-Mailbox -Identity 'cfo@contoso.com' -AuditEnabled $true");
    assert.equal(byId.get('a2')!.remediation[0]!.powershell, "Set-MailboxAuditBypassAssociation -Identity 'eve@contoso.com' -AuditBypassEnabled $false");
    assert.equal(byId.get('a3')!.baseScore, 85);
    assert.equal(byId.get('a4')!.severity, 'critical');
    for (const f of byId.values()) assert.equal(f.stage, 'tampering');
  });

  it('judges action sets against seed 000\'s recommendation, and an explicit MailItemsAccessed removal', () => {
    const recommended = 'Update,Move,MoveToDeletedItems,SoftDelete,HardDelete,FolderBind,SendAs,SendOnBehalf,Create';
    const t = tables({
      AuditLogs: [
        cmdlet('ok', '2024-03-05T10:00:00', 'Set-Mailbox', { Identity: 'a@contoso.com', AuditDelegate: recommended }),
        cmdlet('cut', '2024-03-05T10:01:00', 'Set-Mailbox', { Identity: 'b@contoso.com', AuditDelegate: 'Update,SoftDelete,HardDelete,SendAs' }),
        cmdlet('mia', '2024-03-05T10:02:00', 'Set-Mailbox', { Identity: 'c@contoso.com', AuditAdmin: '@{remove="MailItemsAccessed"}' }),
        cmdlet('quota', '2024-03-05T10:03:00', 'Set-Mailbox', { Identity: 'd@contoso.com', ProhibitSendQuota: '49 GB' }),
      ],
    });
    const fs = findingsOf('audit-tampering', t);
    assert.deepEqual(fs.map((f) => evidenceIds(f)[0]).sort(), ['cut', 'mia']);
    const cut = fs.find((f) => evidenceIds(f)[0] === 'cut')!;
    assert.equal(cut.remediation[0]!.powershell, "Set-Mailbox -Identity 'b@contoso.com' -AuditDelegate @{add='Move','MoveToDeletedItems','FolderBind','SendOnBehalf','Create'}");
    const mia = fs.find((f) => evidenceIds(f)[0] === 'mia')!;
    assert.equal(mia.baseScore, 65);
  });

  it('ignores audit settings being turned on, and lowers the Exchange service itself', () => {
    const t = tables({
      AuditLogs: [
        cmdlet('on', '2024-03-05T10:00:00', 'Set-AdminAuditLogConfig', { AdminAuditLogEnabled: 'True' }, 'NT AUTHORITY\\SYSTEM (Microsoft.Exchange.ServiceHost)'),
        cmdlet('sys', '2024-03-05T10:01:00', 'Set-Mailbox', { Identity: 'x@contoso.com', AuditEnabled: 'False' }, 'NT AUTHORITY\\SYSTEM (Microsoft.Exchange.ServiceHost)'),
      ],
    });
    const fs = findingsOf('audit-tampering', t);
    assert.equal(fs.length, 1);
    assert.equal(points(fs[0]!, /Exchange service itself/), -30);
  });
});

describe('findings rule: mailbox-export', () => {
  const app = '2f5576c7-e04c-4b5b-9086-c6420227c63d';
  const folders = ['Inbox', 'Sent Items', 'Archive', 'Finance', 'Legal', 'Drafts', 'Deleted Items', 'Projects'];

  it('reports an app syncing many folders of one mailbox quickly', () => {
    const start = at('2024-03-05T10:00:00');
    const rows = folders.map((p, i) => ({
      Operation: 'MailItemsAccessed', Time: start + i * MIN, UserId: 'ceo@contoso.com', MailboxOwnerUPN: 'ceo@contoso.com', AppId: app, ClientAppId: app,
      MailAccessType: 'Sync', Folders: [{ Path: `\\${p}` }], LogonType: 'Owner',
    }));
    const [f, ...rest] = findingsOf('mailbox-export', tables({ AuditLogs: rows }));
    assert.equal(rest.length, 0);
    assert.equal(f!.details.folderCount, 8);
    assert.equal(evidenceIds(f!).length, 8);
    assert.equal(points(f!, /not in the known-apps/), 15);
    assert.equal(f!.severity, 'medium');
  });

  it('leaves the owner\'s Outlook syncing a new profile alone, and ignores a few folders', () => {
    const start = at('2024-03-05T10:00:00');
    const outlook = folders.map((p, i) => ({ Operation: 'MailItemsAccessed', Time: start + i * MIN, UserId: 'bob@contoso.com', MailboxOwnerUPN: 'bob@contoso.com', AppId: '5d661950-3475-41cd-a2c3-d671a3162bc1', MailAccessType: 'Sync', Folders: [{ Path: p }] }));
    const few = folders.slice(0, 3).map((p, i) => ({ Operation: 'MailItemsAccessed', Time: start + i * MIN, UserId: 'ann@contoso.com', MailboxOwnerUPN: 'ann@contoso.com', AppId: app, MailAccessType: 'Sync', Folders: [{ Path: p }] }));
    assert.deepEqual(findingsOf('mailbox-export', tables({ AuditLogs: [...outlook, ...few] })), []);
    const delegateOutlook = outlook.map((r) => ({ ...r, UserId: 'eve@contoso.com', LogonType: 'Delegated' }));
    const [f] = findingsOf('mailbox-export', tables({ AuditLogs: delegateOutlook }));
    assert.equal(f!.actor, 'eve@contoso.com');
    assert.equal(points(f!, /known mail client/), -25);
  });

  it('reports a mailbox export request cmdlet', () => {
    const t = tables({ AuditLogs: [cmdlet('exp', '2024-03-05T10:00:00', 'New-MailboxExportRequest', { Mailbox: 'ceo@contoso.com', FilePath: '\\\\srv\\pst\\ceo.pst' })] });
    const [f] = findingsOf('mailbox-export', t);
    assert.equal(f!.mailbox, 'ceo@contoso.com');
    assert.equal(f!.baseScore, 65);
  });

  it('ignores owner Bind reading without an app', () => {
    const rows = mailAccess(30, at('2024-03-05T10:00:00'), MIN, { UserId: 'bob@contoso.com', MailboxOwnerUPN: 'bob@contoso.com' });
    assert.deepEqual(findingsOf('mailbox-export', tables({ AuditLogs: rows })), []);
  });
});
