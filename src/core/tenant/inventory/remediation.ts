import { resourceNames } from '../catalogue/resources';
import type { ApplicationAccessPolicy, App, Delegation, EntraPermission, ExchangeServicePrincipal, ManagementScope, RoleAssignment } from '../model';
import { odataString, psQuote } from './powershell';

/** Removes a human or service-principal delegation. */
export function removeDelegationScript(d: Delegation): string {
  switch (d.right) {
    case 'SendAs':
      return `Remove-RecipientPermission -Identity ${psQuote(d.mailbox)} -Trustee ${psQuote(d.trustee)} -AccessRights SendAs -Confirm:$false`;
    case 'SendOnBehalf':
      return removeSendOnBehalfScript(d.mailbox, d.trustee);
    case 'FolderPermission':
      return `Remove-MailboxFolderPermission -Identity ${psQuote(`${d.mailbox}:\\${d.folder ?? ''}`)} -User ${psQuote(d.trustee)} -Confirm:$false`;
    default:
      return `Remove-MailboxPermission -Identity ${psQuote(d.mailbox)} -User ${psQuote(d.trustee)} -AccessRights ${d.right} -InheritanceType All -Confirm:$false`;
  }
}

export function removeSendOnBehalfScript(mailbox: string, trustee: string): string {
  return `Set-Mailbox -Identity ${psQuote(mailbox)} -GrantSendOnBehalfTo @{remove=${psQuote(trustee)}}`;
}

export function removeRoleAssignmentScript(ra: Pick<RoleAssignment, 'name'>): string {
  return `Remove-ManagementRoleAssignment -Identity ${psQuote(ra.name)} -Confirm:$false`;
}

/** Narrows (or changes) a management scope's filter: every assignment using it follows. */
export function setManagementScopeScript(scope: Pick<ManagementScope, 'name'>, newFilter: string): string {
  return `Set-ManagementScope -Identity ${psQuote(scope.name)} -RecipientRestrictionFilter ${psQuote(newFilter)}`;
}

export function removeManagementScopeScript(scope: Pick<ManagementScope, 'name'>): string {
  return `Remove-ManagementScope -Identity ${psQuote(scope.name)} -Confirm:$false`;
}

export function removeAccessPolicyScript(p: Pick<ApplicationAccessPolicy, 'identity'>): string {
  return `Remove-ApplicationAccessPolicy -Identity ${psQuote(p.identity)} -Confirm:$false`;
}

export function removeExchangeServicePrincipalScript(sp: Pick<ExchangeServicePrincipal, 'identity'>): string {
  return `Remove-ServicePrincipal -Identity ${psQuote(sp.identity)} -Confirm:$false`;
}

export function removeGroupMemberScript(group: string, member: string): string {
  return `Remove-DistributionGroupMember -Identity ${psQuote(group)} -Member ${psQuote(member)} -BypassSecurityGroupManagerCheck -Confirm:$false`;
}

/** Finds the app's and the resource's service principals (Microsoft Graph PowerShell). */
function servicePrincipalLookup(app: Pick<App, 'appId'>, resourceAppId: string): string[] {
  return [
    `$client = Get-MgServicePrincipal -Filter ${psQuote(`appId eq ${odataString(app.appId)}`)}`,
    `$resource = Get-MgServicePrincipal -Filter ${psQuote(`appId eq ${odataString(resourceAppId)}`)}`,
  ];
}

/** Revokes an application permission (appRoleAssignment) or takes a scope out of a delegated grant (oauth2PermissionGrant). */
export function revokeEntraPermissionScript(app: Pick<App, 'appId' | 'displayName'>, p: EntraPermission): string {
  const resourceAppId = p.resourceAppId;
  // Names come from the tenant or the audit log: a line break in one must not start a new command.
  const comment = `${p.kind === 'application' ? 'Revoke application permission' : 'Remove delegated scope'} ${p.value} on ${p.resourceName || resourceNames[resourceAppId] || resourceAppId}`;
  const lines = [`# ${comment.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')}`];
  lines.push(...servicePrincipalLookup(app, resourceAppId));
  if (p.kind === 'application') {
    lines.push(
      `$role = $resource.AppRoles | Where-Object { $_.Value -eq ${psQuote(p.value)} }`,
      'Get-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $client.Id |',
      '  Where-Object { $_.ResourceId -eq $resource.Id -and $_.AppRoleId -eq $role.Id } |',
      '  ForEach-Object { Remove-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $client.Id -AppRoleAssignmentId $_.Id }',
    );
  } else {
    const principal = p.consentType === 'Principal' && p.principalId ? ` -and $_.PrincipalId -eq ${psQuote(p.principalId)}` : ' -and $_.ConsentType -eq \'AllPrincipals\'';
    lines.push(
      'Get-MgOauth2PermissionGrant -Filter ("clientId eq \'" + $client.Id + "\'") |',
      `  Where-Object { $_.ResourceId -eq $resource.Id${principal} } |`,
      '  ForEach-Object {',
      `    $rest = ($_.Scope -split ' ' | Where-Object { $_ -and $_ -ne ${psQuote(p.value)} }) -join ' '`,
      '    if ($rest) { Update-MgOauth2PermissionGrant -OAuth2PermissionGrantId $_.Id -Scope $rest }',
      '    else { Remove-MgOauth2PermissionGrant -OAuth2PermissionGrantId $_.Id }',
      '  }',
    );
  }
  return lines.join('\n');
}

/** Removes a credential (secret or certificate) from the app registration. */
export function removeCredentialScript(app: Pick<App, 'appId'>, keyId: string, type: 'password' | 'certificate'): string {
  const lookup = `$application = Get-MgApplication -Filter ${psQuote(`appId eq ${odataString(app.appId)}`)}`;
  return type === 'password'
    ? `${lookup}\nRemove-MgApplicationPassword -ApplicationId $application.Id -KeyId ${psQuote(keyId)}`
    : `${lookup}\n$keep = @($application.KeyCredentials | Where-Object { $_.KeyId -ne ${psQuote(keyId)} })\nUpdate-MgApplication -ApplicationId $application.Id -KeyCredentials $keep`;
}

