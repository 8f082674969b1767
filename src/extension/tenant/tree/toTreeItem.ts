import * as vscode from 'vscode';
import { contextValueOf, type TenantNode } from './tenantNode';
import { tooltipMarkdown } from './tooltipMarkdown';

export function toTreeItem(node: TenantNode): vscode.TreeItem {
  const state = !node.children
    ? vscode.TreeItemCollapsibleState.None
    : node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(node.label, state);
  item.id = node.id;
  item.description = node.description;
  item.contextValue = contextValueOf(node);
  item.iconPath = new vscode.ThemeIcon(node.icon, node.iconColor ? new vscode.ThemeColor(node.iconColor) : undefined);
  if (node.tooltip) {
    const md = new vscode.MarkdownString(tooltipMarkdown(node.tooltip), false);
    md.isTrusted = false;
    md.supportHtml = false;
    item.tooltip = md;
  }
  item.accessibilityInformation = { label: node.description ? `${node.label}, ${node.description}` : node.label };
  return item;
}
