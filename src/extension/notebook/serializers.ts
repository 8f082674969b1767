// The two notebook serializers: .exqnb files (JSON, src/core/notebook/exqnbFormat.ts) and .exq
// query files opened as notebooks (blocks as cells, src/core/notebook/exqText.ts).
import type * as vscode from 'vscode';
import { parseExqnb, parseExqText, serializeExqnb, serializeExqText, NotebookFormatError } from '../../core/notebook';
import { fromVsNotebook, toVsNotebook } from './notebookData';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export class ExqnbSerializer implements vscode.NotebookSerializer {
  constructor(private readonly saveOutputs: () => boolean) {}

  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    try {
      return toVsNotebook(parseExqnb(decoder.decode(content)));
    } catch (e) {
      // Refuse to open rather than show an empty notebook that would overwrite the file on save.
      if (e instanceof NotebookFormatError) throw new Error(`This is not a readable exo-audit notebook: ${e.message}`);
      throw e;
    }
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    return encoder.encode(serializeExqnb(fromVsNotebook(data), { outputs: this.saveOutputs() }));
  }
}

export class ExqTextSerializer implements vscode.NotebookSerializer {
  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    return toVsNotebook(parseExqText(decoder.decode(content)));
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    return encoder.encode(serializeExqText(fromVsNotebook(data)));
  }
}
