/** Signature help: the signature of the function whose argument list holds the cursor, from the function catalogue. */
import type { SignatureHelp } from 'vscode-languageserver';
import type { DocumentModel } from './documentModel';
import { signatureParameters } from './signatures';

export function signatureHelp(model: DocumentModel, offset: number): SignatureHelp | null {
  const block = model.blockAt(offset);
  const call = block.analysis.callAt(offset - block.start);
  if (!call?.fn) return null;
  const fn = call.fn;
  const params = signatureParameters(fn.signature);
  let active = call.activeArgument;
  if (active >= params.length) {
    // Past the written parameters of a variadic function: the repeating one.
    const variadic = params.findIndex((p) => p.variadic);
    active = variadic > 0 ? variadic - 1 : params.length - 1;
  }
  return {
    signatures: [{
      label: fn.signature,
      documentation: fn.description,
      parameters: params.map((p) => ({ label: [p.start, p.end] as [number, number] })),
      activeParameter: Math.max(0, active),
    }],
    activeSignature: 0,
    activeParameter: Math.max(0, active),
  };
}
