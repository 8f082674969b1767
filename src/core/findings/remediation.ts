/**
 * Remediation commands. Identities come from audit data (attacker-controlled),
 * so every one goes into a PowerShell single-quoted literal (quotes doubled).
 */
import { odataString, psQuote } from '../tenant/inventory/powershell';
import type { Remediation } from './types';

export { psQuote };

export function removeMailboxPermission(mailbox: string, grantee: string, rights: string): Remediation {
  return {
    title: `Remove ${rights || 'the mailbox permission'} of ${grantee} on ${mailbox}`,
    powershell: `Remove-MailboxPermission -Identity ${psQuote(mailbox)} -User ${psQuote(grantee)} -AccessRights ${psQuote(rights || 'FullAccess')} -InheritanceType All -Confirm:$false`,
  };
}

export function removeRecipientPermission(mailbox: string, trustee: string): Remediation {
  return {
    title: `Remove SendAs of ${trustee} on ${mailbox}`,
    powershell: `Remove-RecipientPermission -Identity ${psQuote(mailbox)} -Trustee ${psQuote(trustee)} -AccessRights SendAs -Confirm:$false`,
  };
}

export function removeSendOnBehalf(mailbox: string, trustee: string): Remediation {
  return {
    title: `Remove SendOnBehalf of ${trustee} on ${mailbox}`,
    powershell: `Set-Mailbox -Identity ${psQuote(mailbox)} -GrantSendOnBehalfTo @{remove=${psQuote(trustee)}}`,
  };
}

export function removeFolderPermission(folderIdentity: string, user: string): Remediation {
  return {
    title: `Remove ${user}'s permission on ${folderIdentity}`,
    powershell: `Remove-MailboxFolderPermission -Identity ${psQuote(folderIdentity)} -User ${psQuote(user)} -Confirm:$false`,
  };
}

/** Microsoft Graph PowerShell lines that find a service principal by app id. */
function servicePrincipalByAppId(variable: string, appId: string): string {
  return `${variable} = Get-MgServicePrincipal -Filter ${psQuote(`appId eq ${odataString(appId)}`)}`;
}

export function revokeDelegatedGrants(appId: string, scopes: readonly string[]): Remediation {
  return {
    title: `Revoke the delegated permission grants of app ${appId}${scopes.length ? ` (${scopes.join(' ')})` : ''}`,
    powershell: [
      servicePrincipalByAppId('$client', appId),
      'Get-MgOauth2PermissionGrant -Filter ("clientId eq \'" + $client.Id + "\'") | ForEach-Object { Remove-MgOauth2PermissionGrant -OAuth2PermissionGrantId $_.Id }',
    ].join('\n'),
  };
}

export function revokeAppRoleAssignments(appId: string, roles: readonly string[]): Remediation {
  const match = roles.length ? ` -and (${roles.map((r) => `$_.AppRoleId -in $resourceRoles[${psQuote(r)}]`).join(' -or ')})` : '';
  const lines = [servicePrincipalByAppId('$client', appId)];
  if (roles.length) {
    lines.push(
      '$resourceRoles = @{}',
      'Get-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $client.Id | ForEach-Object { (Get-MgServicePrincipal -ServicePrincipalId $_.ResourceId).AppRoles } |',
      '  ForEach-Object { $resourceRoles[$_.Value] = @($resourceRoles[$_.Value]) + $_.Id }',
    );
  }
  lines.push(
    `Get-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $client.Id | Where-Object { $true${match} } |`,
    '  ForEach-Object { Remove-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $client.Id -AppRoleAssignmentId $_.Id }',
  );
  return { title: `Revoke the application permissions of app ${appId}${roles.length ? ` (${roles.join(', ')})` : ''}`, powershell: lines.join('\n') };
}

export function disableServicePrincipal(appId: string): Remediation {
  return {
    title: `Disable sign-in for app ${appId} while you investigate`,
    powershell: `${servicePrincipalByAppId('$sp', appId)}\nUpdate-MgServicePrincipal -ServicePrincipalId $sp.Id -AccountEnabled:$false`,
  };
}

/** Removes an application (registration) credential by the application's object id, or the service principal's. */
export function removeCredential(objectId: string, keyId: string, keyType: string, on: 'application' | 'servicePrincipal'): Remediation {
  const isPassword = !/cert|asymmetric|x509/i.test(keyType);
  if (on === 'application') {
    return {
      title: `Remove the ${isPassword ? 'secret' : 'certificate'} ${keyId} from application ${objectId}`,
      powershell: isPassword
        ? `Remove-MgApplicationPassword -ApplicationId ${psQuote(objectId)} -KeyId ${psQuote(keyId)}`
        : `$app = Get-MgApplication -ApplicationId ${psQuote(objectId)}\nUpdate-MgApplication -ApplicationId $app.Id -KeyCredentials @($app.KeyCredentials | Where-Object { $_.KeyId -ne ${psQuote(keyId)} })`,
    };
  }
  return {
    title: `Remove the ${isPassword ? 'secret' : 'certificate'} ${keyId} from service principal ${objectId}`,
    powershell: isPassword
      ? `Remove-MgServicePrincipalPassword -ServicePrincipalId ${psQuote(objectId)} -KeyId ${psQuote(keyId)}`
      : `$sp = Get-MgServicePrincipal -ServicePrincipalId ${psQuote(objectId)}\nUpdate-MgServicePrincipal -ServicePrincipalId $sp.Id -KeyCredentials @($sp.KeyCredentials | Where-Object { $_.KeyId -ne ${psQuote(keyId)} })`,
  };
}

export function revokeSessions(user: string): Remediation {
  return {
    title: `Sign ${user} out everywhere (revoke refresh tokens) and reset the password`,
    powershell: `Revoke-MgUserSignInSession -UserId ${psQuote(user)}\n# then reset the password and review the account's MFA methods`,
  };
}

export function removeRoleAssignment(identity: string): Remediation {
  return {
    title: `Remove the management role assignment ${identity}`,
    powershell: `Remove-ManagementRoleAssignment -Identity ${psQuote(identity)} -Confirm:$false`,
  };
}

export function removeRoleAssignmentsOfApp(appId: string, role: string): Remediation {
  return {
    title: `Remove the ${role || 'application'} role assignments of app ${appId}`,
    powershell: `Get-ManagementRoleAssignment -RoleAssignee ${psQuote(appId)}${role ? ` -Role ${psQuote(role)}` : ''} | Remove-ManagementRoleAssignment -Confirm:$false`,
  };
}

export function setRoleAssignmentScope(identity: string, scope: string): Remediation {
  return {
    title: `Put the scope ${scope} back on ${identity}`,
    powershell: `Set-ManagementRoleAssignment -Identity ${psQuote(identity)} -CustomResourceScope ${psQuote(scope)}`,
  };
}

export function setManagementScopeFilter(scope: string, filter: string): Remediation {
  return {
    title: `Put the earlier filter back on scope ${scope}`,
    powershell: `Set-ManagementScope -Identity ${psQuote(scope)} -RecipientRestrictionFilter ${psQuote(filter)}`,
  };
}

export function reviewManagementScope(scope: string): Remediation {
  return {
    title: `Review which mailboxes scope ${scope} reaches, and which assignments use it`,
    powershell: `Get-ManagementScope -Identity ${psQuote(scope)} | Format-List Name,RecipientRestrictionFilter\nGet-ManagementRoleAssignment | Where-Object { $_.CustomResourceScope -eq ${psQuote(scope)} }`,
  };
}

export function removeExchangeServicePrincipal(identity: string): Remediation {
  return {
    title: `Remove the Exchange service principal ${identity}`,
    powershell: `Remove-ServicePrincipal -Identity ${psQuote(identity)} -Confirm:$false`,
  };
}

export function restrictAppAccess(appId: string, group: string, accessRight: string): Remediation {
  return {
    title: `Restore the application access policy of app ${appId}`,
    powershell: `New-ApplicationAccessPolicy -AppId ${psQuote(appId)} -PolicyScopeGroupId ${psQuote(group || '<mail-enabled security group>')} -AccessRight ${psQuote(accessRight || 'RestrictAccess')} -Description 'restored after investigation'`,
  };
}

export function removeComplianceSearch(name: string): Remediation {
  return {
    title: `Remove the compliance search ${name} and its export actions`,
    powershell: `Get-ComplianceSearchAction | Where-Object { $_.SearchName -eq ${psQuote(name)} } | Remove-ComplianceSearchAction -Confirm:$false\nRemove-ComplianceSearch -Identity ${psQuote(name)} -Confirm:$false`,
  };
}

export function removeInboxRule(mailbox: string, rule: string): Remediation {
  return {
    title: `Remove inbox rule ${rule} of ${mailbox}`,
    powershell: `Remove-InboxRule -Mailbox ${psQuote(mailbox)} -Identity ${psQuote(rule)} -Confirm:$false`,
  };
}

export function enableMailboxAudit(mailbox: string): Remediation {
  return {
    title: `Turn mailbox auditing back on for ${mailbox}`,
    powershell: `Set-Mailbox -Identity ${psQuote(mailbox)} -AuditEnabled $true`,
  };
}

export function restoreAuditActions(mailbox: string, parameter: 'AuditAdmin' | 'AuditDelegate' | 'AuditOwner', actions: readonly string[]): Remediation {
  return {
    title: `Add the missing ${parameter} actions back on ${mailbox}`,
    powershell: `Set-Mailbox -Identity ${psQuote(mailbox)} -${parameter} @{add=${actions.map(psQuote).join(',')}}`,
  };
}

export function disableAuditBypass(identity: string): Remediation {
  return {
    title: `Stop bypassing mailbox auditing for ${identity}`,
    powershell: `Set-MailboxAuditBypassAssociation -Identity ${psQuote(identity)} -AuditBypassEnabled $false`,
  };
}

export function enableOrganizationAudit(): Remediation {
  return { title: 'Turn mailbox auditing back on for the organisation', powershell: 'Set-OrganizationConfig -AuditDisabled $false' };
}

export function enableUnifiedAuditLog(): Remediation {
  return { title: 'Turn Unified Audit Log ingestion back on', powershell: 'Set-AdminAuditLogConfig -UnifiedAuditLogIngestionEnabled $true' };
}

export function reviewRetentionPolicies(): Remediation {
  return {
    title: 'Review the audit log retention policies',
    powershell: 'Get-UnifiedAuditLogRetentionPolicy | Sort-Object -Property Priority | Format-Table Name,Priority,RecordTypes,Operations,UserIds,RetentionDuration',
  };
}
