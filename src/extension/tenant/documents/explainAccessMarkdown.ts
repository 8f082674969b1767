import { grantSystemLabels, type EffectiveAccess } from '../../../core/tenant/access/types';
import { mdText } from './markdownText';

/** The offline Test-ApplicationAccessPolicy + Test-ServicePrincipalAuthorization answer for one app and one mailbox, as Markdown. */
export function explainAccessMarkdown(ea: EffectiveAccess, source: string): string {
  const lines: string[] = [
    `# Effective access: ${mdText(ea.appDisplayName || ea.appId)} → ${mdText(ea.mailbox)}`,
    '',
    `- **App id**: ${mdText(ea.appId)}`,
    `- **Mailbox**: ${mdText(ea.mailbox)}`,
    `- **Model**: ${mdText(source)}`,
    '',
    `**Rights (app-only)**: ${ea.rights.length ? mdText(ea.rights.join(', ')) : 'none'}  `,
    `**Rights with a signed-in user (delegated)**: ${ea.delegatedRights.length ? mdText(ea.delegatedRights.join(', ')) : 'none'}`,
    '',
    'Both permission systems add up: the rights are the union of every grant that applies. Application access policies restrict Entra application permissions on Graph and EWS only.',
    '',
  ];
  const applying = ea.grants.filter((g) => g.applies);
  const other = ea.grants.filter((g) => !g.applies);
  const grantLines = (title: string, grants: typeof ea.grants) => {
    if (grants.length === 0) return;
    lines.push(`## ${title}`, '');
    for (const g of grants) {
      const flags = [g.tenantWide ? 'tenant-wide' : '', g.requiresSignedInUser ? 'needs a signed-in user' : ''].filter(Boolean);
      lines.push(`### ${mdText(grantSystemLabels[g.system])}: ${mdText(g.grant)}`, '');
      lines.push(`- **Rights**: ${g.rights.length ? mdText(g.rights.join(', ')) : 'none'}${flags.length ? ` (${flags.join(', ')})` : ''}`);
      for (const e of g.explanation) lines.push(`- ${mdText(e)}`);
      for (const p of g.policy ?? []) {
        lines.push(`- policy ${mdText(p.policyIdentity)}: ${p.accessRight}, group ${mdText(p.group)}, mailbox ${p.mailboxIsMember ? 'is' : 'is not'} a member`);
      }
      lines.push('');
    }
  };
  grantLines('Grants that apply', applying);
  grantLines('Grants that do not apply to this mailbox', other);
  if (ea.notes.length) {
    lines.push('## Notes', '');
    for (const n of ea.notes) lines.push(`- ${mdText(n)}`);
    lines.push('');
  }
  return lines.join('\n');
}
