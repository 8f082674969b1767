import * as vscode from 'vscode';

/**
 * Things that end together. Disposing runs the items newest first and leaves the scope empty and
 * reusable, so one scope can serve several lifetimes in a row (a language server's, across restarts).
 */
export class DisposalScope implements vscode.Disposable {
  private items: vscode.Disposable[] = [];

  add<T extends vscode.Disposable>(item: T): T {
    this.items.push(item);
    return item;
  }

  dispose(): void {
    const items = this.items.reverse();
    this.items = [];
    const errors: unknown[] = [];
    for (const item of items) {
      try {
        item.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} disposables failed`);
  }
}
