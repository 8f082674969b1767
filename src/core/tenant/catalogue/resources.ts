/** The two resource APIs whose permissions reach mailboxes. */
export const graphAppId = '00000003-0000-0000-c000-000000000000';
export const exchangeOnlineAppId = '00000002-0000-0ff1-ce00-000000000000';

export const resourceNames: Readonly<Record<string, string>> = {
  [graphAppId]: 'Microsoft Graph',
  [exchangeOnlineAppId]: 'Office 365 Exchange Online',
};

/** Resource app id from an app id, display name or service principal name (URL), case-insensitively. */
export function resourceAppIdFromText(text: string): string | undefined {
  const t = text.toLowerCase();
  if (t.includes(graphAppId) || t.includes('graph.microsoft.com') || t.includes('microsoft graph')) return graphAppId;
  if (t.includes(exchangeOnlineAppId) || t.includes('office 365 exchange online') || t.includes('outlook.office')
    || t.includes('microsoft.exchange')) return exchangeOnlineAppId;
  return undefined;
}
