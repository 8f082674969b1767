import * as vscode from 'vscode';
import type { Finding, Severity, Story, SuppressedFinding } from '../../core/findings';
import { findingMarkdown, utcTime } from './findingMarkdown';
import { untrustedMarkdown } from './findingsHover';
import type { FindingsService } from './findingsService';
import type { EvidenceLocation } from './findingsSnapshot';

/** Evidence rows listed under one finding before a "more" row. */
const EVIDENCE_ROWS = 50;

export type FindingsNode =
  | { readonly kind: 'story'; readonly story: Story }
  | { readonly kind: 'finding'; readonly finding: Finding; readonly parent: string }
  | { readonly kind: 'evidence'; readonly finding: Finding; readonly location: EvidenceLocation; readonly parent: string }
  | { readonly kind: 'more'; readonly count: number; readonly parent: string }
  | { readonly kind: 'group'; readonly group: 'unchained' | 'suppressed'; readonly count: number }
  | { readonly kind: 'suppressed'; readonly entry: SuppressedFinding };

const severityIcons: Readonly<Record<Severity, [string, string]>> = {
  critical: ['error', 'problemsErrorIcon.foreground'],
  high: ['error', 'problemsErrorIcon.foreground'],
  medium: ['warning', 'problemsWarningIcon.foreground'],
  low: ['info', 'problemsInfoIcon.foreground'],
  informational: ['circle-outline', 'descriptionForeground'],
};

function severityIcon(severity: Severity): vscode.ThemeIcon {
  const [id, color] = severityIcons[severity];
  return new vscode.ThemeIcon(id, new vscode.ThemeColor(color));
}

/** Tree item labels are plain text, but `$(name)` in a label would render as an icon. */
function plain(text: string): string {
  return text.replace(/\$\(/g, '$\u200b(').replace(/[\r\n\u0085\u2028\u2029]+/g, ' ');
}

/** The Findings view: stories -> member findings -> evidence records; then findings of no story, then suppressed ones. */
export class FindingsTreeProvider implements vscode.TreeDataProvider<FindingsNode> {
  private readonly changed = new vscode.EventEmitter<FindingsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: FindingsService) {
    this.subscription = service.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: FindingsNode): FindingsNode[] {
    const snapshot = this.service.current;
    if (!snapshot) return [];
    if (!node) {
      const roots: FindingsNode[] = snapshot.stories.map((story) => ({ kind: 'story', story }));
      const unchained = snapshot.unchained();
      if (unchained.length) roots.push({ kind: 'group', group: 'unchained', count: unchained.length });
      const suppressed = snapshot.result.suppressed.length;
      if (suppressed) roots.push({ kind: 'group', group: 'suppressed', count: suppressed });
      return roots;
    }
    switch (node.kind) {
      case 'story':
        return snapshot.members(node.story).map((finding) => ({ kind: 'finding', finding, parent: node.story.id }));
      case 'group':
        return node.group === 'unchained'
          ? snapshot.unchained().map((finding) => ({ kind: 'finding', finding, parent: 'unchained' }))
          : snapshot.result.suppressed.map((entry) => ({ kind: 'suppressed', entry }));
      case 'finding': {
        const locations = snapshot.locations(node.finding.id);
        const parent = `${node.parent}/${node.finding.id}`;
        const rows: FindingsNode[] = locations.slice(0, EVIDENCE_ROWS).map((location) => ({ kind: 'evidence', finding: node.finding, location, parent }));
        if (locations.length > EVIDENCE_ROWS) rows.push({ kind: 'more', count: locations.length - EVIDENCE_ROWS, parent });
        return rows;
      }
      default:
        return [];
    }
  }

  getTreeItem(node: FindingsNode): vscode.TreeItem {
    const snapshot = this.service.current;
    switch (node.kind) {
      case 'story': {
        const s = node.story;
        const item = new vscode.TreeItem(plain(s.title), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `story/${s.id}`;
        item.description = `${s.severity} \u00b7 ${s.stages.join(' \u2192 ')} \u00b7 ${s.memberIds.length} findings`;
        item.iconPath = severityIcon(s.severity);
        item.tooltip = untrustedMarkdown(findingMarkdown(s, { evidenceLimit: 3 }));
        item.contextValue = 'exoAudit.story';
        return item;
      }
      case 'finding': {
        const f = node.finding;
        const item = new vscode.TreeItem(plain(f.title), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.parent}/${f.id}`;
        item.description = `${f.severity} \u00b7 ${f.ruleId} \u00b7 ${utcTime(f.start)}`;
        item.iconPath = severityIcon(f.severity);
        item.tooltip = untrustedMarkdown(findingMarkdown(f, { story: snapshot?.storyOf(f.id), evidence: snapshot?.locations(f.id), evidenceLimit: 3 }));
        item.contextValue = f.remediation.length ? 'exoAudit.finding remediable' : 'exoAudit.finding';
        return item;
      }
      case 'evidence': {
        const { location: l } = node;
        const item = new vscode.TreeItem(plain(`${l.table} ${l.recordId || `row ${l.row}`}`), vscode.TreeItemCollapsibleState.None);
        item.id = `${node.parent}/${l.ordinal}`;
        item.description = plain(`${l.fileName}:${l.line}`);
        item.iconPath = new vscode.ThemeIcon('note');
        item.tooltip = `Evidence ${l.ordinal} of ${l.total}: ${l.fileName}, line ${l.line}`;
        const uri = this.service.files.uris[l.fileIndex];
        if (uri) {
          const at = new vscode.Range(l.line - 1, 0, l.line - 1, 0);
          item.command = { title: 'Open Record', command: 'vscode.open', arguments: [uri, { selection: at, preview: true }] };
        }
        item.contextValue = 'exoAudit.evidence';
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(`\u2026 ${node.count} more records`, vscode.TreeItemCollapsibleState.None);
        item.id = `${node.parent}/more`;
        return item;
      }
      case 'group': {
        const label = node.group === 'unchained' ? 'Findings outside a story' : 'Marked as expected';
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `group/${node.group}`;
        item.description = String(node.count);
        item.iconPath = new vscode.ThemeIcon(node.group === 'unchained' ? 'list-unordered' : 'pass');
        return item;
      }
      case 'suppressed': {
        const { finding: f, suppression: s } = node.entry;
        const item = new vscode.TreeItem(plain(f.title), vscode.TreeItemCollapsibleState.None);
        item.id = `suppressed/${f.id}`;
        item.description = plain(`expected: ${s.reason}`);
        item.iconPath = new vscode.ThemeIcon('pass');
        item.tooltip = untrustedMarkdown(findingMarkdown(f, { evidenceLimit: 3 }));
        return item;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
