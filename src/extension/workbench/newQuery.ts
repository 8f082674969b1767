import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { starterQuery } from './starterQuery';

/** Opens an untitled EXQ document with a starter query. */
export function newQuery(ctx: Ctx) {
  return async (): Promise<void> => {
    const loaded = ctx.dataset.current;
    const range = loaded && loaded.firstTime !== null && loaded.lastTime !== null ? { from: loaded.firstTime, to: loaded.lastTime } : undefined;
    const document = await vscode.workspace.openTextDocument({ language: 'exq', content: starterQuery(range) });
    await vscode.window.showTextDocument(document, { preview: false });
  };
}
