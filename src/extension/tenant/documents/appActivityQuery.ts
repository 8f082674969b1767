import { findColumn } from '../../../core/schema/catalog';

/** An EXQ string literal: JSON's escaping is a subset of EXQ's ("\\", "\"", \n, \uXXXX). */
export function exqString(value: string): string {
  return JSON.stringify(value);
}

function column(name: string): string {
  if (!findColumn('AuditLogs', name)) throw new Error(`AuditLogs has no column ${name} in the schema catalogue`);
  return name;
}

/** The EXQ query listing an app's audit records (as the app, or as the client app of a delegated session). */
export function appActivityQuery(appId: string, displayName?: string): string {
  const id = exqString(appId);
  const header = displayName ? `// Activity of ${displayName.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')}\n` : '';
  return `${header}AuditLogs\n| where ${column('AppId')} == ${id} or ${column('ClientAppId')} == ${id}\n| order by ${column('Time')} desc\n`;
}
