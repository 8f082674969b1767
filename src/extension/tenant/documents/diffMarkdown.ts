import type { DiffEntry, ModelDiff } from '../../../core/tenant/diff';
import { mdText } from './markdownText';

const kindLabels: Record<DiffEntry['kind'], string> = {
  organization: 'organisation', user: 'user', group: 'group', mailbox: 'mailbox', app: 'app', appPermission: 'app permission',
  appCredential: 'app credential', exchangeServicePrincipal: 'Exchange service principal', managementScope: 'management scope',
  roleAssignment: 'role assignment', accessPolicy: 'application access policy', delegation: 'delegation',
};

function value(v: unknown): string {
  if (v === undefined) return '(none)';
  return mdText(typeof v === 'string' ? v : JSON.stringify(v) ?? String(v));
}

/** "Compare with time T": what was added, removed and changed between two pictures of the tenant. */
export function diffMarkdown(diff: ModelDiff, before: string, after: string): string {
  const lines = [
    `# Tenant changes from ${mdText(diff.from)} to ${mdText(diff.to)}`,
    '',
    `- **Before**: ${mdText(before)}`,
    `- **After**: ${mdText(after)}`,
    `- ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`,
    '',
  ];
  const list = (title: string, entries: DiffEntry[]) => {
    lines.push(`## ${title} (${entries.length})`, '');
    if (entries.length === 0) lines.push('Nothing.', '');
    for (const e of [...entries].sort((a, b) => a.kind.localeCompare(b.kind) || a.label.localeCompare(b.label))) {
      lines.push(`- **${kindLabels[e.kind]}** ${mdText(e.label)}`);
      for (const f of e.fields ?? []) lines.push(`  - ${mdText(f.field)}: ${value(f.before)} → ${value(f.after)}`);
    }
    lines.push('');
  };
  list('Added', diff.added);
  list('Removed', diff.removed);
  list('Changed', diff.changed);
  return lines.join('\n');
}
