// The tenant views' items as plain data (no vscode import): builders make them from the model,
// toTreeItem turns them into TreeItems, and the context-menu commands read their subject fields.

export type TenantNodeKind =
  | 'app' | 'section' | 'riskReason' | 'entraPermission' | 'roleAssignment' | 'scope' | 'mailbox' | 'appMailbox'
  | 'accessPolicy' | 'policyMember' | 'credential' | 'exchangeServicePrincipal' | 'spPermission'
  | 'reader' | 'sender' | 'otherPermission' | 'auditSetting' | 'auditGap' | 'auditProblem' | 'organizationAudit' | 'note';

/** One tooltip line: `label` is fixed text of this extension, `text` is data (escaped when rendered). */
export interface TooltipLine {
  readonly label?: string;
  readonly text: string;
}

export interface NodeTooltip {
  readonly title: string;
  readonly lines: readonly TooltipLine[];
}

export interface TenantNode {
  /** Unique within its view and stable across refreshes (VS Code keeps expansion state by id). */
  readonly id: string;
  readonly kind: TenantNodeKind;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: NodeTooltip;
  /** A codicon id (ThemeIcon) and an optional theme color id. */
  readonly icon: string;
  readonly iconColor?: string;
  readonly expanded?: boolean;
  readonly children?: () => TenantNode[];
  /** What the context-menu commands act on. */
  readonly appId?: string;
  readonly mailbox?: string;
  /** PowerShell that removes what this item stands for (Copy Remediation PowerShell). */
  readonly remediation?: () => string;
}

/**
 * The contextValue: the kind, then flags the package.json menus match with `viewItem =~ /\bhasApp\b/` and
 * the like, so one command can serve every kind of item that names an app or a mailbox.
 */
export function contextValueOf(node: TenantNode): string {
  const flags = [`tenant.${node.kind}`];
  if (node.appId) flags.push('hasApp');
  if (node.mailbox) flags.push('hasMailbox');
  if (node.remediation) flags.push('remediable');
  return flags.join(' ');
}

export function childId(parentId: string, segment: string): string {
  return parentId ? `${parentId}/${segment}` : segment;
}

/** A grouping item ("Entra application permissions (3)"); omitted by callers when it would be empty. */
export function section(parentId: string, key: string, label: string, items: () => TenantNode[], count: number, icon: string, expanded = false): TenantNode {
  return { id: childId(parentId, key), kind: 'section', label, description: String(count), icon, expanded, children: items };
}

/** A leaf of text (an explanation line, a setting value). */
export function note(parentId: string, key: string, label: string, options: { description?: string; icon?: string; iconColor?: string; tooltip?: NodeTooltip } = {}): TenantNode {
  return { id: childId(parentId, key), kind: 'note', label, description: options.description, icon: options.icon ?? 'info', iconColor: options.iconColor, tooltip: options.tooltip };
}

export const WARNING_COLOR = 'problemsWarningIcon.foreground';
export const ERROR_COLOR = 'problemsErrorIcon.foreground';
