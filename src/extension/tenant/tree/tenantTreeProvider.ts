import * as vscode from 'vscode';
import type { TenantService } from '../tenantService';
import type { LoadedTenant } from '../tenantSource';
import type { TenantNode } from './tenantNode';
import { toTreeItem } from './toTreeItem';

export type RootBuilder = (loaded: LoadedTenant, service: TenantService) => TenantNode[];

/** One tenant view: its top items come from `roots`, deeper ones from each node's `children`, computed on expansion. */
export class TenantTreeProvider implements vscode.TreeDataProvider<TenantNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TenantNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private childrenOf = new WeakMap<TenantNode, TenantNode[]>();
  private rootNodes: TenantNode[] | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: TenantService, private readonly roots: RootBuilder) {
    this.subscription = service.onDidChange(() => {
      this.childrenOf = new WeakMap();
      this.rootNodes = undefined;
      this.changed.fire(undefined);
    });
  }

  getTreeItem(node: TenantNode): vscode.TreeItem {
    return toTreeItem(node);
  }

  getChildren(node?: TenantNode): TenantNode[] {
    if (!node) {
      const loaded = this.service.current;
      if (!loaded) return [];
      return (this.rootNodes ??= this.roots(loaded, this.service));
    }
    let children = this.childrenOf.get(node);
    if (!children) {
      children = node.children?.() ?? [];
      this.childrenOf.set(node, children);
    }
    return children;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
