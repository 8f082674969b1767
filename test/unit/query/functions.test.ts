/** Every scalar function, on literals and fixture columns, against hand-computed values. */
import * as assert from 'node:assert/strict';
import { scalarFunctions } from '../../../src/core/query';
import { DAY, NOW, T0 } from './support/fixtures';
import { columnIt, queryIt, rowsIt } from './support/run';

const tested = new Set<string>();
function fnIt(names: string[], title: string, query: string, expected: Record<string, unknown>): void {
  for (const n of names) tested.add(n);
  rowsIt(`${names.join(', ')}: ${title}`, query, [expected]);
}

describe('query scalar functions', () => {
  describe('strings', () => {
    fnIt(['strlen', 'tolower', 'toupper'], 'length and case', 'print a = strlen("héllo"), b = tolower("AbC"), c = toupper("AbC"), d = strlen("")', { a: 5, b: 'abc', c: 'ABC', d: 0 });
    fnIt(['trim', 'trim_start', 'trim_end'], 'remove regex matches at the ends', 'print a = trim(" ", "  x y  "), b = trim_start("[-+]", "--+x-"), c = trim_end("[0-9]", "ab12")', { a: 'x y', b: 'x-', c: 'ab' });
    fnIt(['substring'], 'from an index, with a length', 'print a = substring("abcdef", 2), b = substring("abcdef", 1, 3), c = substring("abc", 5)', { a: 'cdef', b: 'bcd', c: '' });
    fnIt(['split'], 'into an array, or one part', 'print a = split("a,b,,c", ","), b = split("a,b,c", ",", 1), c = array_length(split("x", ","))', { a: ['a', 'b', '', 'c'], b: ['b'], c: 1 });
    fnIt(['strcat'], 'text of every argument', 'print a = strcat("a", 1, true, 1.5, datetime(2024-03-01), 1h)', { a: 'a1true1.52024-03-01T00:00:00Z01:00:00' });
    fnIt(['extract'], 'a capture group, empty when none', 'print a = extract("user=([a-z]+)", 1, "id=3;user=bob;x"), b = extract("([0-9]+)", 0, "abc"), c = extract("(?i)CLIENT=(\\\\w+)", 1, "client=OWA")', { a: 'bob', b: '', c: 'OWA' });
    fnIt(['replace_string'], 'every occurrence, case-sensitive', 'print a = replace_string("a.b.c", ".", "::"), b = replace_string("AaA", "a", "x")', { a: 'a::b::c', b: 'AxA' });
    fnIt(['replace_regex'], 'with capture groups', 'print a = replace_regex("user=bob", "user=(\\\\w+)", "who:\\\\1")', { a: 'who:bob' });
    fnIt(['indexof'], 'position or -1', 'print a = indexof("abcabc", "ca"), b = indexof("abc", "z")', { a: 2, b: -1 });
  });

  describe('conversions', () => {
    fnIt(['tostring'], 'of each type', 'print a = tostring(12), b = tostring(true), c = tostring(dynamic({"k": [1]})), d = tostring(datetime(2024-03-01 10:00:00.5)), e = tostring(90m), f = tostring(long(null))', {
      a: '12', b: 'true', c: '{"k":[1]}', d: '2024-03-01T10:00:00.5000000Z', e: '01:30:00', f: '',
    });
    fnIt(['toint', 'tolong'], 'whole numbers, null when not numbers', 'print a = toint("42"), b = tolong(2.9), c = tolong("x"), d = toint(true)', { a: 42, b: 2, c: null, d: 1 });
    fnIt(['todouble', 'toreal'], 'real numbers', 'print a = todouble("1.5"), b = toreal(3), c = todouble("")', { a: 1.5, b: 3, c: null });
    fnIt(['tobool'], 'booleans', 'print a = tobool("true"), b = tobool(0), c = tobool("yes")', { a: true, b: false, c: null });
    fnIt(['todatetime'], 'text as datetime', 'print a = todatetime("2024-03-01T10:00:00Z"), b = todatetime("2024-03-01 10:00"), c = todatetime("nope")', {
      a: Date.UTC(2024, 2, 1, 10), b: Date.UTC(2024, 2, 1, 10), c: null,
    });
    fnIt(['totimespan'], 'text as timespan', 'print a = totimespan("01:30:00"), b = totimespan("1.00:00:01"), c = totimespan("30m"), d = totimespan("x")', { a: 5400000, b: 86401000, c: 1800000, d: null });
    fnIt(['parse_json', 'todynamic'], 'JSON text as dynamic; other text stays text', 'print a = parse_json(\'{"x": {"y": [1, 2]}}\').x.y[1], b = tostring(todynamic("[1,2]")[0]), c = parse_json("not json")', { a: 2, b: '1', c: 'not json' });
  });

  describe('conditionals and nulls', () => {
    fnIt(['iff', 'iif'], 'choose by a condition', 'print a = iff(1 > 2, "yes", "no"), b = iif(true, 1, 2), c = iff(bool(null), 1, 2)', { a: 'no', b: 1, c: 2 });
    fnIt(['case'], 'first true predicate, else the last', 'print a = case(1 > 2, "a", 2 > 1, "b", "c"), b = case(false, 1, 9)', { a: 'b', b: 9 });
    fnIt(['coalesce'], 'first non-null, non-empty', 'print a = coalesce(long(null), 2, 3), b = coalesce("", "x"), c = coalesce(long(null), long(null))', { a: 2, b: 'x', c: null });
    fnIt(['isempty', 'isnotempty'], 'empty means null or ""', 'print a = isempty(""), b = isempty(long(null)), c = isnotempty("x"), d = isempty(0)', { a: true, b: true, c: true, d: false });
    fnIt(['isnull', 'isnotnull'], 'strings are never null', 'print a = isnull(long(null)), b = isnull(""), c = isnotnull(1)', { a: true, b: false, c: true });
    fnIt(['not'], 'negation', 'print a = not(true), b = not(1 > 2)', { a: false, b: true });
    fnIt(['abs', 'round'], 'numbers', 'print a = abs(-3), b = round(2.567, 2), c = round(2.5)', { a: 3, b: 2.57, c: 3 });
  });

  describe('date and time', () => {
    fnIt(['now', 'ago'], 'the query clock', 'print a = now(), b = ago(1d), c = now(-1h)', { a: NOW, b: NOW - DAY, c: NOW - 3600000 });
    fnIt(['bin', 'floor'], 'round down datetimes, timespans and numbers', 'print a = bin(datetime(2024-03-01 10:47), 1h), b = bin(17, 5), c = floor(7.5, 2), d = bin(95m, 1h), e = bin(-1, 5)', {
      a: Date.UTC(2024, 2, 1, 10), b: 15, c: 6, d: 3600000, e: -5,
    });
    fnIt(['startofday', 'endofday', 'startofweek', 'startofmonth'], 'boundaries in UTC', 'print a = startofday(datetime(2024-03-01 23:59)), b = startofday(datetime(2024-03-01 12:00), 1), c = endofday(datetime(2024-03-01 12:00)), d = startofweek(datetime(2024-03-01)), e = startofmonth(datetime(2024-03-15 10:00))', {
      a: T0, b: T0 + DAY, c: T0 + DAY - 1, d: Date.UTC(2024, 1, 25), e: T0,
    });
    fnIt(['hourofday', 'dayofweek', 'dayofmonth', 'getmonth', 'getyear'], 'parts (dayofweek as a timespan since Sunday)', 'print a = hourofday(datetime(2024-03-01 23:10)), b = dayofweek(datetime(2024-03-01)), c = dayofmonth(datetime(2024-03-01)), d = getmonth(datetime(2024-03-01)), e = getyear(datetime(2024-03-01))', {
      a: 23, b: 5 * DAY, c: 1, d: 3, e: 2024,
    });
    fnIt(['format_datetime'], 'patterns', 'print a = format_datetime(datetime(2024-03-01 09:05:07.123), "yyyy-MM-dd HH:mm:ss.fff"), b = format_datetime(datetime(2024-03-01 15:00), "M/d/yy h tt")', {
      a: '2024-03-01 09:05:07.123', b: '3/1/24 3 PM',
    });
    fnIt(['datetime_diff'], 'period boundaries between two datetimes', 'print a = datetime_diff("day", datetime(2024-03-03 01:00), datetime(2024-03-01 23:00)), b = datetime_diff("hour", datetime(2024-03-01 10:00), datetime(2024-03-01 08:30)), c = datetime_diff("month", datetime(2024-05-01), datetime(2023-12-31))', {
      a: 2, b: 2, c: 5,
    });
  });

  describe('arrays, bags, addresses', () => {
    fnIt(['array_length', 'bag_keys'], 'sizes and keys', 'print a = array_length(dynamic([1, 2, 3])), b = array_length(dynamic({})), c = bag_keys(dynamic({"x": 1, "y": 2}))', { a: 3, b: null, c: ['x', 'y'] });
    fnIt(['pack_array', 'set_has_element'], 'arrays of values', 'print a = pack_array(1, "x", long(null)), b = set_has_element(dynamic(["a", "b"]), "b")', { a: [1, 'x', null], b: true });
    fnIt(['ipv4_is_private', 'ipv4_is_in_range'], 'RFC 1918 and CIDR', 'print a = ipv4_is_private("172.16.5.1"), b = ipv4_is_private("172.32.0.1"), c = ipv4_is_private("bad"), d = ipv4_is_in_range("10.1.2.3", "10.0.0.0/8"), e = ipv4_is_in_range("11.0.0.1", "10.0.0.0/8"), f = ipv4_is_in_range("10.1.2.3", "10.1.2.3")', {
      a: true, b: false, c: null, d: true, e: false, f: true,
    });
    queryIt('pack, bag_pack: property bags (keys stay data)', 'print a = pack("user", "bob", "n", 2), b = bag_pack("__proto__", 1, "constructor", 2)', (r) => {
      const row = r.table.objects()[0] as Record<string, unknown>;
      assert.equal(JSON.stringify(row.a), '{"user":"bob","n":2}');
      assert.equal(JSON.stringify(row.b), '{"__proto__":1,"constructor":2}');
      assert.equal(Object.getPrototypeOf(row.b), null);
    });
    tested.add('pack').add('bag_pack');
  });

  describe('on fixture columns', () => {
    columnIt('tostring of a bag member over rows', 'AuditLogs | project r = tostring(Parameters.AccessRights)', 'r', ['', '', 'FullAccess', '', '', '']);
    columnIt('hourofday over rows', 'AuditLogs | project h = hourofday(Time)', 'h', [1, 2, 5, 5, 0, 23]);
    columnIt('ipv4_is_private over rows (empty address gives null)', 'AuditLogs | project p = ipv4_is_private(ClientIp)', 'p', [true, false, true, false, null, true]);
  });

  it('covers every function of the catalogue', () => {
    const missing = scalarFunctions.map((f) => f.name).filter((n) => !tested.has(n));
    assert.deepEqual(missing, []);
  });
});
