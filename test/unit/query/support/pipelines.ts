/** Generated EXQ pipelines over AuditLogs (and SignIns) for property tests. */
import fc from 'fast-check';

const column = fc.constantFrom('UserId', 'Operation', 'Time', 'Folders', 'Parameters', 'OperationCount', 'IsThrottled', 'Parameters.AccessRights', 'Folders[0].Path', 'ClientIp', 'ItemCount', 'ExternalAccess', 'nope');
const literal = fc.constantFrom('"a"', '1', '2.5', '1h', 'datetime(2024-03-01)', 'true', '""', 'long(null)', '"(?i)a.*"', '"["', '0', 'real(null)');
const fn = fc.constantFrom(
  'strlen', 'tostring', 'toint', 'tolong', 'todouble', 'tolower', 'bin', 'iff', 'split', 'extract', 'parse_json', 'array_length', 'ipv4_is_private',
  'format_datetime', 'coalesce', 'strcat', 'pack', 'trim', 'replace_regex', 'not', 'isempty', 'isnull', 'todatetime', 'startofday', 'bag_keys',
  'substring', 'hourofday', 'dayofweek', 'now', 'ago', 'abs', 'round', 'case', 'indexof', 'pack_array', 'tobool', 'totimespan', 'datetime_diff',
  'set_has_element', 'replace_string',
);
const op = fc.constantFrom('==', '!=', '=~', '<', '>=', 'has', '!has', 'contains', 'startswith', 'matches regex', '+', '-', '*', '/', '%', 'and', 'or', 'in', 'between', 'in~', 'has_any');

export const expression: fc.Arbitrary<string> = fc.letrec((tie) => ({
  e: fc.oneof(
    { depthSize: 'small' }, column, literal,
    fc.tuple(fn, fc.array(tie('e'), { maxLength: 3 })).map(([f, a]) => `${f}(${a.join(', ')})`),
    fc.tuple(tie('e'), op, tie('e')).map(([a, o, b]) => (o === 'in' || o === 'in~' || o === 'has_any' ? `${a} ${o} (${b})` : o === 'between' ? `${a} between (${b} .. ${b})` : `${a} ${o} ${b}`)),
  ),
})).e;

const aggregate = fc.constantFrom(
  'count()', 'dcount(UserId)', 'make_set(Operation)', 'arg_max(Time, *)', 'sum(OperationCount)', 'percentile(OperationCount, 50)', 'take_any(*)',
  'avg(OperationCount)', 'min(Time)', 'max(UserId)', 'countif(IsThrottled)', 'sumif(OperationCount, IsThrottled)', 'make_list(ClientIp, 5)',
  'arg_min(Time, UserId)', 'take_any(Operation)', 'dcountif(ClientIp, OperationCount > 1)',
);

const operator = fc.oneof(
  expression.map((e) => `where ${e}`), expression.map((e) => `extend y = ${e}`), expression.map((e) => `extend ${e}`),
  expression.map((e) => `project y = ${e}, UserId`), expression.map((e) => `project ${e}`),
  fc.tuple(aggregate, column).map(([a, c]) => `summarize ${a} by ${c}`), fc.tuple(aggregate, expression).map(([a, c]) => `summarize ${a} by ${c}`),
  aggregate.map((a) => `summarize ${a}`), column.map((c) => `order by ${c} asc`), expression.map((e) => `top 3 by ${e}`), column.map((c) => `distinct ${c}`),
  fc.constantFrom(
    'take 3', 'count', 'mv-expand Folders', 'mv-expand Parameters', 'project-away Folders', 'project-rename U = UserId', 'render timechart',
    'join kind=leftouter (SignIns | project UserId = UserPrincipalName, City) on UserId',
    'join kind=inner (SignIns | project UserPrincipalName, City) on $left.UserId == $right.UserPrincipalName', 'union SignIns',
    'mv-expand f = Folders to typeof(string)',
  ),
);

/** `AuditLogs | op | op ...` with up to `maxOperators` operators. */
export function pipeline(maxOperators = 4): fc.Arbitrary<string> {
  return fc.array(operator, { maxLength: maxOperators }).map((ops) => ['AuditLogs', ...ops].join(' | '));
}
