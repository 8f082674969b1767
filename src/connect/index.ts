/** The outside world: sign-in, Microsoft Graph, the Exchange admin API, audit log download, snapshots. Never imports vscode. */
export type { TokenProvider, TokenRequestOptions } from './auth/tokenProvider';
export { graphScope, exchangeScope } from './auth/tokenProvider';
export { MsalAppTokenProvider, MsalDeviceCodeTokenProvider, defaultAuthorityHost, type AppOnlyOptions, type DeviceCodeOptions, type DeviceCodeInfo } from './auth/msal';
export { parseCertificateCredential, readCertificateCredential, type CertificateCredential } from './auth/certificate';
export { ApiClient, type ApiClientOptions, type ApiEvent, type SendOptions } from './http/apiClient';
export { defaultRetryPolicy, realSleep, type RetryPolicy, type Sleeper } from './http/retry';
export { ConnectError, HttpStatusError, RequestTimeoutError, NetworkError, AuthenticationError, CancelledError } from './http/errors';
export { SecretRegistry, redactSecrets } from './http/redact';
export { createGraphConnection, defaultGraphBaseUrl, type GraphConnection } from './graph/graphClient';
export { createExchangeConnection, defaultExchangeBaseUrl, type ExchangeConnection, type ExchangeObject } from './exchange/exchangeClient';
export { connectTenant, type TenantConnection, type TenantConnectionOptions } from './connection';
export { readLiveInventory, type InventoryProgress, type LiveInventoryOptions } from './inventory/liveInventory';
export { downloadAuditLog, CountMismatchError, MANIFEST_FILE, type AuditDownloadOptions, type DownloadManifest, type DownloadProgress } from './audit/download';
export { STATE_FILE } from './audit/state';
export { saveSnapshot, loadSnapshot, parseSnapshot, snapshotText, sanitizeModel, SnapshotError, SNAPSHOT_FORMAT, type LoadedSnapshot } from './snapshot';
export { localInputFile, sha256File, readRecordText } from './localFiles';
export { closeIdleLoadWorkers, runningLoadWorkers } from './segmentPool';
