/** The scalar operators with KQL semantics: case rules, whole-term has, null handling, types. */
import { columnIt, rowsIt } from './support/run';

describe('query scalar operators', () => {
  describe('string equality and case', () => {
    columnIt('== is case-sensitive', 'AuditLogs | where UserId == "bob@contoso.com" | project Id', 'Id', []);
    columnIt('=~ ignores case', 'AuditLogs | where UserId =~ "bob@contoso.com" | project Id', 'Id', ['r2']);
    columnIt('!= keeps other values', 'AuditLogs | where Operation != "MailItemsAccessed" | project Id', 'Id', ['r3', 'r5', 'r6']);
    columnIt('!~ ignores case', 'AuditLogs | where UserId !~ "ALICE@contoso.com" | project Id', 'Id', ['r2', 'r3', 'r5', 'r6']);
  });

  describe('has, contains, startswith, endswith, matches regex', () => {
    columnIt('has matches whole terms, ignoring case', 'AuditLogs | where ClientInfoString has "owa" | project Id', 'Id', ['r1', 'r4']);
    columnIt('has does not match part of a term', 'AuditLogs | where ClientInfoString has "RES" | project Id', 'Id', []);
    columnIt('has with punctuation in the needle', 'AuditLogs | where ClientInfoString has "Client=REST" | project Id', 'Id', ['r2']);
    columnIt('!has', 'AuditLogs | where ClientInfoString !has "client" | project Id', 'Id', ['r3', 'r5', 'r6']);
    columnIt('has_cs is case-sensitive', 'AuditLogs | where ClientInfoString has_cs "owa" | project Id', 'Id', []);
    columnIt('!has_cs', 'AuditLogs | where ClientInfoString !has_cs "OWA" | project Id', 'Id', ['r2', 'r3', 'r5', 'r6']);
    columnIt('contains is a case-insensitive substring match', 'AuditLogs | where ClientInfoString contains "rest" | project Id', 'Id', ['r2']);
    columnIt('!contains', 'AuditLogs | where UserId !contains "CONTOSO" | project Id', 'Id', ['r6']);
    columnIt('contains_cs', 'AuditLogs | where UserId contains_cs "Contoso" | project Id', 'Id', ['r2']);
    columnIt('!contains_cs', 'AuditLogs | where ClientIp !contains_cs "203" | project Id', 'Id', ['r1', 'r3', 'r5', 'r6']);
    columnIt('startswith ignores case', 'AuditLogs | where UserId startswith "BOB" | project Id', 'Id', ['r2']);
    columnIt('!startswith', 'AuditLogs | where Operation !startswith "mail" | project Id', 'Id', ['r3', 'r5', 'r6']);
    columnIt('startswith_cs', 'AuditLogs | where UserId startswith_cs "bob" | project Id', 'Id', []);
    columnIt('endswith', 'AuditLogs | where UserId endswith "CONTOSO.COM" | project Id', 'Id', ['r1', 'r2', 'r3', 'r4', 'r5']);
    columnIt('!endswith', 'AuditLogs | where ClientIp !endswith ".7" | project Id', 'Id', ['r1', 'r3', 'r5', 'r6']);
    columnIt('endswith_cs', 'AuditLogs | where UserId endswith_cs "Contoso.com" | project Id', 'Id', ['r2']);
    columnIt('hasprefix matches the start of a term', 'AuditLogs | where ClientInfoString hasprefix "rest" | project Id', 'Id', ['r2']);
    columnIt('matches regex is case-sensitive', 'AuditLogs | where Operation matches regex "^[A-Z][a-z]+-" | project Id', 'Id', ['r3', 'r5']);
    columnIt('matches regex with (?i)', 'AuditLogs | where UserId matches regex "(?i)^bob@" | project Id', 'Id', ['r2']);
    columnIt('string operators on a dynamic value', 'AuditLogs | where Parameters.AccessRights has "fullaccess" | project Id', 'Id', ['r3']);
  });

  describe('in, !in, in~, !in~, has_any', () => {
    columnIt('in is case-sensitive', 'AuditLogs | where UserId in ("bob@contoso.com", "alice@contoso.com") | project Id', 'Id', ['r1', 'r4']);
    columnIt('in~ ignores case', 'AuditLogs | where UserId in~ ("bob@contoso.com") | project Id', 'Id', ['r2']);
    columnIt('!in', 'AuditLogs | where Operation !in ("MailItemsAccessed", "Send") | project Id', 'Id', ['r3', 'r5']);
    columnIt('!in~', 'AuditLogs | where Operation !in~ ("mailitemsaccessed") | project Id', 'Id', ['r3', 'r5', 'r6']);
    columnIt('in on numbers (null is not in the list)', 'AuditLogs | where OperationCount in (1, 12) | project Id', 'Id', ['r2', 'r4', 'r6']);
    columnIt('has_any', 'AuditLogs | where ClientInfoString has_any ("rest", "ios") | project Id', 'Id', ['r2', 'r6']);
  });

  describe('between', () => {
    columnIt('between is inclusive', 'AuditLogs | where OperationCount between (1 .. 3) | project Id', 'Id', ['r1', 'r2', 'r6']);
    columnIt('!between', 'AuditLogs | where OperationCount !between (1 .. 3) | project Id', 'Id', ['r4']);
    columnIt('datetime between datetimes', 'AuditLogs | where Time between (datetime(2024-03-01 02:00) .. datetime(2024-03-02 05:00)) | project Id', 'Id', ['r2', 'r3']);
    columnIt('datetime between a datetime and a timespan after it', 'AuditLogs | where Time between (datetime(2024-03-02) .. 1d) | project Id', 'Id', ['r3', 'r4']);
  });

  describe('arithmetic and time', () => {
    rowsIt('long arithmetic divides to a whole number', 'print a = 7 / 2, b = 7 % 3, c = 7.0 / 2, d = -3 + 1 * 2, e = 1 / 0', [{ a: 3, b: 1, c: 3.5, d: -1, e: null }]);
    rowsIt('timespans are milliseconds', 'print a = 30m, b = 1h + 1s, c = 2d / 1h, d = 1.5d, e = 100ms * 3', [{ a: 1800000, b: 3601000, c: 48, d: 129600000, e: 300 }]);
    rowsIt('datetime arithmetic', 'print a = datetime(2024-03-01) + 1d, b = datetime(2024-03-02) - datetime(2024-03-01), c = now() - ago(2h)', [
      { a: Date.UTC(2024, 2, 2), b: 86400000, c: 7200000 },
    ]);
    columnIt('datetime literals read as UTC', 'print t = datetime(2024-03-01 10:30:00), u = datetime(2024-03-01T10:30:00+02:00)', 't', [Date.UTC(2024, 2, 1, 10, 30)]);
    columnIt('an offset in a datetime literal', 'print u = datetime(2024-03-01T10:30:00+02:00)', 'u', [Date.UTC(2024, 2, 1, 8, 30)]);
    columnIt('null propagates through arithmetic', 'AuditLogs | project x = OperationCount + 1', 'x', [4, 2, null, 13, null, 2]);
  });

  describe('logic', () => {
    rowsIt('and/or/not with null (three-valued)', 'AuditLogs | where Id == "r3" | project a = IsThrottled and false, b = IsThrottled or true, c = IsThrottled and true, d = not(IsThrottled), e = not(false)', [
      { a: false, b: true, c: null, d: null, e: true },
    ]);
    columnIt('or', 'AuditLogs | where Id == "r1" or Operation == "Send" | project Id', 'Id', ['r1', 'r6']);
    columnIt('comparing null never holds', 'AuditLogs | where IsThrottled == false | project Id', 'Id', ['r1', 'r2']);
  });

  describe('dynamic access', () => {
    rowsIt('member and index access, negative index from the end', 'AuditLogs | where Id == "r2" | project a = tostring(Folders[0].Path), b = tostring(Folders[-1].Path), c = tostring(Folders[5].Path), d = Folders[1].FolderItems[0].SizeInBytes', [
      { a: '\\Sent Items', b: '\\Inbox', c: '', d: 10 },
    ]);
    columnIt('bag member by name and by ["key"]', 'AuditLogs | where Id == "r3" | project x = strcat(Parameters.User, "|", Parameters["Identity"])', 'x', ['admin@contoso.com|ceo@contoso.com']);
    columnIt('a missing member is null', 'AuditLogs | where Id == "r3" | project x = isnull(Parameters.Nope)', 'x', [true]);
    columnIt('comparing a dynamic with a string', 'AuditLogs | where Parameters.AccessRights == "FullAccess" | project Id', 'Id', ['r3']);
  });
});
