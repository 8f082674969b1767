// The Markdown of a finding's hover and tooltip: what it is, why it scored as it did, its evidence,
// its story and its remediation. Every value from the data goes through mdText / mdCodeBlock (the data
// is attacker-controlled); the caller shows the result with isTrusted false and no HTML.
import { scoreThresholds, type Finding, type Story } from '../../core/findings';
import { mdCodeBlock, mdText } from '../tenant/documents/markdownText';
import type { EvidenceLocation } from './findingsSnapshot';

export interface FindingMarkdownOptions {
  readonly story?: Story;
  /** Where the evidence records are (in evidence order); the first `evidenceLimit` are listed. */
  readonly evidence?: readonly EvidenceLocation[];
  readonly evidenceLimit?: number;
  /** Include the remediation code (the hover does; tooltips stay short). */
  readonly remediation?: boolean;
}

export function utcTime(ms: number | null): string {
  return ms === null ? 'unknown time' : new Date(ms).toISOString().replace('.000Z', 'Z');
}

function signed(points: number): string {
  return points > 0 ? `+${points}` : points < 0 ? `\u2212${-points}` : '\u00b10';
}

/** The line that says how the score maps to the severity. */
export function severityRule(f: Pick<Finding, 'score' | 'severity'>): string {
  const t = scoreThresholds;
  const bands = `low \u2265 ${t.low}, medium \u2265 ${t.medium}, high \u2265 ${t.high}, critical \u2265 ${t.critical}`;
  return `score ${f.score} \u2192 ${f.severity} (${bands})`;
}

/** "Why it scored as it did": the rule's base score and every reason, as Markdown list lines. */
export function scoreLines(f: Pick<Finding, 'baseScore' | 'reasons' | 'score' | 'severity'>): string[] {
  return [
    `- ${signed(f.baseScore)} base score of the rule`,
    ...f.reasons.map((r) => `- ${signed(r.points)} ${mdText(r.text)}`),
    `- = ${mdText(severityRule(f))}`,
  ];
}

function whoLines(f: Finding): string[] {
  const parts: Array<[string, string]> = [['actor', f.actor], ['mailbox', f.mailbox], ['app', f.app], ['grantee', f.grantee]];
  return parts.filter(([, v]) => v !== '').map(([k, v]) => `- ${k}: ${mdText(v)}`);
}

function detailValue(v: string | number | boolean | readonly string[]): string {
  return Array.isArray(v) ? v.join(', ') : String(v);
}

export function findingMarkdown(f: Finding, options: FindingMarkdownOptions = {}): string {
  const techniques = f.techniques.map((t) => `${mdText(t.id)} ${mdText(t.name)}`).join('; ');
  const out: string[] = [
    `**${mdText(f.severity.toUpperCase())}** \u00b7 ${mdText(f.title)}`,
    '',
    `${mdText(f.ruleId)} \u00b7 ${mdText(f.id)}${techniques ? ` \u00b7 ${techniques}` : ''}`,
    '',
    mdText(f.description),
    '',
    `**Why it scored ${f.score}**`,
    '',
    ...scoreLines(f),
  ];
  const who = whoLines(f);
  if (who.length) out.push('', '**Involved**', '', ...who);
  out.push('', `**When** ${mdText(f.start === f.end || f.end === null ? utcTime(f.start) : `${utcTime(f.start)} to ${utcTime(f.end)}`)}`);
  const evidence = options.evidence ?? [];
  const total = f.evidence.reduce((n, e) => n + e.ids.length, 0);
  out.push('', `**Evidence** (${total} record${total === 1 ? '' : 's'})`, '');
  const limit = options.evidenceLimit ?? 8;
  let shown = 0;
  if (evidence.length) {
    for (const e of evidence.slice(0, limit)) out.push(`- ${mdText(e.table)} ${mdText(e.recordId || `row ${e.row}`)} (${mdText(e.fileName)}:${e.line})`);
    shown = Math.min(limit, evidence.length);
  } else {
    for (const e of f.evidence) out.push(`- ${mdText(e.table)}: ${mdText(e.ids.slice(0, limit).join(', '))}`);
    shown = f.evidence.reduce((n, e) => n + Math.min(limit, e.ids.length), 0);
  }
  if (total > shown) out.push(`- \u2026 and ${total - shown} more (Findings view)`);
  if (options.story) {
    const s = options.story;
    out.push('', `**Story** ${mdText(s.title)} (${mdText(s.severity)}; ${mdText(s.stages.join(' \u2192 '))}; ${s.memberIds.length} findings)`);
  }
  const details = Object.entries(f.details);
  if (details.length) {
    out.push('', '**Details**', '');
    for (const [k, v] of details) out.push(`- ${mdText(k)}: ${mdText(detailValue(v))}`);
  }
  if (options.remediation && f.remediation.length) {
    out.push('', '**Remediation** (review before running)');
    for (const r of f.remediation) out.push('', mdText(r.title), '', mdCodeBlock(r.powershell, 'powershell'));
  }
  return out.join('\n');
}

/** The PowerShell of every remediation of a finding, each under a comment with its title. */
export function remediationScript(f: Finding): string {
  return f.remediation
    .map((r) => `# ${r.title.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ')}\n${r.powershell}`)
    .join('\n\n');
}
