import type { ClientAppUsed } from '../records/signIn';
import { MS_APPS } from './apps';

/** How a kind of client appears in sign-ins and in MailItemsAccessed records. */
export interface ClientProfile {
  readonly key: ClientKey;
  readonly app: { readonly appId: string; readonly displayName: string };
  readonly resource: { readonly appId: string; readonly displayName: string };
  readonly clientAppUsed: ClientAppUsed;
  /** null: the person's browser user agent. */
  readonly userAgent: string | null;
  readonly deviceOs: string | null;
  readonly browser: string | null;
  /** MailItemsAccessed fields. */
  readonly clientInfo: string;
  readonly mailAppId: string;
  /** Share of this client's mail access records that are Sync rather than Bind. */
  readonly syncShare: number;
}

export type ClientKey = 'owa' | 'desktop' | 'outlookMobile' | 'activeSync' | 'azurePortal' | 'exoPowerShell' | 'compliancePortal';

const EXO = MS_APPS.exchangeOnline;

export const CLIENTS: Readonly<Record<ClientKey, ClientProfile>> = {
  owa: {
    key: 'owa', app: MS_APPS.oneOutlookWeb, resource: EXO, clientAppUsed: 'Browser', userAgent: null, deviceOs: null, browser: null,
    clientInfo: 'Client=OWA;Action=ViaProxy', mailAppId: EXO.appId, syncShare: 0.1,
  },
  desktop: {
    key: 'desktop', app: MS_APPS.office, resource: EXO, clientAppUsed: 'Mobile Apps and Desktop clients',
    userAgent: 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)', deviceOs: 'Windows 10', browser: 'Rich Client 4.58.0.0',
    clientInfo: 'Client=MSExchangeRPC', mailAppId: MS_APPS.office.appId, syncShare: 0.4,
  },
  outlookMobile: {
    key: 'outlookMobile', app: MS_APPS.outlookMobile, resource: EXO, clientAppUsed: 'Mobile Apps and Desktop clients',
    userAgent: 'Outlook-iOS/709.2189947.prod.iphone (4.2412.0)', deviceOs: 'Ios 17.2.1', browser: 'Mobile Safari',
    clientInfo: 'Client=OutlookService;Outlook-iOS/2.0;', mailAppId: MS_APPS.outlookMobile.appId, syncShare: 0.3,
  },
  activeSync: {
    key: 'activeSync', app: EXO, resource: EXO, clientAppUsed: 'Exchange ActiveSync',
    userAgent: 'Apple-iPhone15C2/2104.178', deviceOs: 'Ios', browser: 'Mobile Safari',
    clientInfo: 'Client=ActiveSync;UserAgent=Apple-iPhone15C2/2104.178;Action=/Microsoft-Server-ActiveSync/default.eas?Cmd=Sync&DeviceType=iPhone',
    mailAppId: '', syncShare: 0.6,
  },
  azurePortal: {
    key: 'azurePortal', app: MS_APPS.azurePortal, resource: { appId: '797f4846-ba00-4fd7-ba43-dac1f8f63013', displayName: 'Windows Azure Service Management API' },
    clientAppUsed: 'Browser', userAgent: null, deviceOs: null, browser: null, clientInfo: '', mailAppId: '', syncShare: 0,
  },
  exoPowerShell: {
    key: 'exoPowerShell', app: MS_APPS.exoPowerShell, resource: EXO, clientAppUsed: 'Mobile Apps and Desktop clients',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.19045; en-US) PowerShell/7.4.0', deviceOs: 'Windows 10', browser: 'PowerShell 7.4',
    clientInfo: '', mailAppId: '', syncShare: 0,
  },
  compliancePortal: {
    key: 'compliancePortal', app: MS_APPS.complianceCenter, resource: { appId: '80ccca67-54bd-44ab-8625-4b79c4dc7775', displayName: 'Microsoft 365 Security and Compliance Center' },
    clientAppUsed: 'Browser', userAgent: null, deviceOs: null, browser: null, clientInfo: '', mailAppId: '', syncShare: 0,
  },
};

/** MailItemsAccessed client string of app-only Graph access. */
export const APP_ONLY_CLIENT_INFO = 'Client=REST;Client=RESTSystem;;';
