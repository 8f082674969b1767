/** The Markdown investigation report of `exo-audit findings --markdown`: stories first, then every finding. */
import type { Dataset } from '../core/ingest';
import type { Finding, FindingsResult, Story } from '../core/findings';

type AnyFinding = Finding | Story;

/** Markdown-escapes audit text (attacker-controlled): no HTML, no links, no table breaks. */
export function mdText(s: string): string {
  // Inline text only: escape what can start markup (emphasis, code, links, HTML, tables, images).
  return s.replace(/[\\`*_[\]()!|<>&~]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

function iso(t: number | null): string {
  return t === null ? '' : new Date(t).toISOString().replace('.000Z', 'Z');
}

function findingSection(f: AnyFinding, level: string): string[] {
  const lines = [`${level} ${mdText(f.title)}`, ''];
  lines.push(`- **severity:** ${f.severity} (score ${f.score}: base ${f.baseScore}${f.reasons.map((r) => `, ${r.points > 0 ? '+' : ''}${r.points} ${mdText(r.text)}`).join('')})`);
  lines.push(`- **when:** ${iso(f.start)}${f.end !== null && f.end !== f.start ? ` to ${iso(f.end)}` : ''}`);
  if (f.actor) lines.push(`- **actor:** ${mdText(f.actor)}`);
  if (f.mailbox) lines.push(`- **mailbox:** ${mdText(f.mailbox)}`);
  if (f.app) lines.push(`- **app:** ${mdText(f.app)}`);
  if (f.grantee) lines.push(`- **grantee:** ${mdText(f.grantee)}`);
  if (f.techniques.length) lines.push(`- **MITRE ATT&CK:** ${f.techniques.map((t) => `${t.id} ${mdText(t.name)}`).join('; ')}`);
  lines.push(`- **rule:** ${f.ruleId}`, '', mdText(f.description), '');
  for (const e of f.evidence) {
    lines.push(`Evidence (${e.table}, ${e.ids.length} record${e.ids.length === 1 ? '' : 's'}): ${e.ids.slice(0, 10).map((id) => `\`${id.replace(/`/g, '')}\``).join(', ')}${e.ids.length > 10 ? `, and ${e.ids.length - 10} more` : ''}`, '');
  }
  for (const r of f.remediation) {
    lines.push(`Remediation: ${mdText(r.title)}`, '', '```powershell', r.powershell.replace(/```/g, "'''"), '```', '');
  }
  return lines;
}

export function findingsMarkdown(result: FindingsResult, ds: Dataset): string {
  const byId = new Map(result.findings.map((f) => [f.id, f]));
  const inStory = new Set(result.stories.flatMap((s) => s.memberIds));
  const counts = new Map<string, number>();
  for (const f of result.findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const out = [
    '# exo-audit investigation report', '',
    `Data: ${ds.ledger.loaded} records from ${ds.ledger.files.length} file(s) (${ds.ledger.duplicates} duplicates, ${ds.ledger.rejected} rejected).`,
    `Findings: ${result.findings.length} (${['critical', 'high', 'medium', 'low', 'informational'].map((s) => `${counts.get(s) ?? 0} ${s}`).join(', ')}); stories: ${result.stories.length}; suppressed as expected: ${result.suppressed.length}.`, '',
    '## Files', '', '| file | format | records | SHA-256 |', '| --- | --- | --- | --- |',
    ...ds.ledger.files.map((f) => `| ${mdText(f.file)} | ${f.format} | ${f.loaded} | ${f.sha256 ?? ''} |`), '',
  ];
  if (result.stories.length) {
    out.push('## Stories', '');
    for (const s of result.stories) {
      out.push(...findingSection(s, '###'));
      out.push('Chain:', '');
      for (const id of s.memberIds) {
        const m = byId.get(id);
        if (m) out.push(`1. ${iso(m.start)} ${m.stage}: ${mdText(m.title)} (${m.severity})`);
      }
      out.push('');
    }
  }
  const loose = result.findings.filter((f) => !inStory.has(f.id));
  out.push('## Findings', '');
  for (const f of [...result.findings.filter((f) => inStory.has(f.id)), ...loose]) out.push(...findingSection(f, '###'));
  return `${out.join('\n')}\n`;
}
