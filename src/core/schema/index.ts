export * from './types';
export * from './catalog';
export * from './enums';
export * from './operations';
export { auditLogsTable } from './auditLogs';
export { signInsTable } from './signIns';
export { directoryAuditsTable } from './directoryAudits';
