import * as vscode from 'vscode';
import type { Finding } from '../../core/findings';
import type { Ctx } from '../ctx';
import { actorQuery } from './findingQuery';
import { remediationScript } from './findingMarkdown';
import type { FindingsDiagnostics } from './findingsDiagnostics';
import type { FindingsService } from './findingsService';
import type { FindingsSnapshot } from './findingsSnapshot';
import type { FindingsNode } from './findingsTree';

/** The timeline's command (owned by the timeline feature); its argument names what to focus on. */
export const SHOW_TIMELINE_COMMAND = 'exoAudit.showTimeline';

export interface FindingsFeatureParts {
  readonly service: FindingsService;
  readonly diagnostics: FindingsDiagnostics;
}

/** What Run Findings resolves with (for tests and callers of executeCommand). */
export interface RunFindingsSummary {
  readonly findings: number;
  readonly stories: number;
  readonly suppressed: number;
  readonly diagnostics: number;
}

interface FindingArg {
  readonly findingId?: string;
  readonly storyId?: string;
}

/** Which finding or story a command argument names: a Findings view item, {findingId}, {storyId} or an id. */
export function findingArgOf(arg: unknown): FindingArg {
  if (typeof arg === 'string') return arg.startsWith('S-') ? { storyId: arg } : { findingId: arg };
  if (!arg || typeof arg !== 'object') return {};
  const node = arg as FindingsNode | (FindingArg & { kind?: undefined });
  switch (node.kind) {
    case 'story': return { storyId: node.story.id };
    case 'finding':
    case 'evidence': return { findingId: node.finding.id };
    case 'suppressed': return { findingId: node.entry.finding.id };
    case 'more':
    case 'group': return {};
  }
  const out: { findingId?: string; storyId?: string } = {};
  if (typeof node.findingId === 'string') out.findingId = node.findingId;
  if (typeof node.storyId === 'string') out.storyId = node.storyId;
  return out;
}

function requireSnapshot(service: FindingsService): FindingsSnapshot {
  const snapshot = service.current;
  if (!snapshot) throw new Error('no findings yet: run "exo-audit: Run Findings" first');
  return snapshot;
}

/** The finding (or story) the argument names; without one, the user picks from the current findings. */
async function findingFor(service: FindingsService, arg: unknown, title: string): Promise<Finding> {
  const snapshot = requireSnapshot(service);
  const { findingId, storyId } = findingArgOf(arg);
  const id = findingId ?? storyId;
  if (id) {
    const found = snapshot.finding(id);
    if (!found) throw new Error(`no current finding has the id ${id} (run findings again?)`);
    return found;
  }
  const picked = await vscode.window.showQuickPick(
    snapshot.findings.map((finding) => ({ label: finding.title.replace(/\$\(/g, '$\u200b('), description: `${finding.severity} \u00b7 ${finding.ruleId}`, finding })),
    { title: `exo-audit: ${title}`, placeHolder: 'Pick a finding', matchOnDescription: true },
  );
  if (!picked) throw new vscode.CancellationError();
  return picked.finding;
}

export function findingCommandTable({ service, diagnostics }: FindingsFeatureParts) {
  return {
    'exoAudit.runFindings': (_ctx: Ctx) => async (): Promise<RunFindingsSummary> => {
      const snapshot = await service.runWithProgress();
      return {
        findings: snapshot.findings.length,
        stories: snapshot.stories.length,
        suppressed: snapshot.result.suppressed.length,
        diagnostics: diagnostics.count(),
      };
    },

    'exoAudit.findings.queryActor': (_ctx: Ctx) => async (arg?: unknown): Promise<void> => {
      const finding = await findingFor(service, arg, 'Query This Actor \u00b124 h');
      const document = await vscode.workspace.openTextDocument({ language: 'exq', content: actorQuery(finding) });
      await vscode.window.showTextDocument(document, { preview: false });
    },

    'exoAudit.findings.showOnTimeline': (_ctx: Ctx) => async (arg?: unknown): Promise<void> => {
      const { findingId, storyId } = findingArgOf(arg);
      const target = findingId || storyId ? { findingId, storyId } : { findingId: (await findingFor(service, arg, 'Show Finding on Timeline')).id };
      if (!(await vscode.commands.getCommands(true)).includes(SHOW_TIMELINE_COMMAND)) {
        void vscode.window.showInformationMessage('exo-audit: the timeline is not part of this build, so there is nothing to show the finding on.');
        return;
      }
      const args = target.storyId && !target.findingId ? { storyId: target.storyId } : { findingId: target.findingId };
      await vscode.commands.executeCommand(SHOW_TIMELINE_COMMAND, args);
    },

    'exoAudit.findings.copyRemediation': (ctx: Ctx) => async (arg?: unknown): Promise<string> => {
      const finding = await findingFor(service, arg, 'Copy Remediation PowerShell');
      if (!finding.remediation.length) throw new Error(`finding ${finding.id} has no remediation`);
      const script = remediationScript(finding);
      await vscode.env.clipboard.writeText(script);
      ctx.output.info(`remediation of ${finding.id} copied (${script.split('\n').length} lines)`);
      void vscode.window.showInformationMessage('exo-audit: remediation PowerShell copied to the clipboard. Review it before running it.');
      return script;
    },

    'exoAudit.findings.markExpected': (ctx: Ctx) => async (arg?: unknown): Promise<{ file: string; suppressions: number; findings: number }> => {
      const finding = await findingFor(service, arg, 'Mark as Expected');
      const given = (arg && typeof arg === 'object' ? arg : {}) as { reason?: unknown; scope?: unknown };
      const scope = given.scope === 'finding' || given.scope === 'entities' ? given.scope : await askScope(finding, given.reason !== undefined);
      const reason = typeof given.reason === 'string' && given.reason.trim() ? given.reason : await askReason(finding);
      const { uri, count } = await service.suppressions.add(finding, reason, { scope });
      ctx.output.info(`marked ${finding.id} as expected (${scope}) in ${uri.toString()}: ${reason}`);
      const snapshot = await service.runWithProgress();
      return { file: uri.toString(), suppressions: count, findings: snapshot.findings.length };
    },
  };
}

async function askScope(finding: Finding, reasonGiven: boolean): Promise<'finding' | 'entities'> {
  const entities = [finding.actor, finding.mailbox, finding.app, finding.grantee].filter(Boolean);
  if (reasonGiven || entities.length === 0) return 'finding';
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'This finding only', scope: 'finding' as const },
      { label: `Every ${finding.ruleId} finding for the same entities`, description: entities.join(', ').replace(/\$\(/g, '$\u200b('), scope: 'entities' as const },
    ],
    { title: 'exo-audit: Mark as Expected', placeHolder: 'What is expected?' },
  );
  if (!picked) throw new vscode.CancellationError();
  return picked.scope;
}

async function askReason(finding: Finding): Promise<string> {
  const reason = await vscode.window.showInputBox({
    title: 'exo-audit: Mark as Expected',
    prompt: `Why is "${finding.title}" expected? The reason is kept in .exo-audit/suppressions.json.`,
    placeHolder: 'e.g. approved change CHG-1234: backup app reads these mailboxes',
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() ? undefined : 'A reason is required'),
  });
  if (reason === undefined) throw new vscode.CancellationError();
  return reason;
}
