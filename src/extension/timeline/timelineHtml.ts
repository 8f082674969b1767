import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** A fresh script nonce per page load, from the OS's random source. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c]!);
}

/** The folder the webview may load from: the bundled front end, nothing else. */
export function mediaRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'media');
}

/**
 * The page: a strict CSP (no inline script or style, no eval, nothing remote), the bundled script
 * with the nonce, and an empty root the script fills. No data is ever written into this HTML.
 */
export function timelineHtml(webview: vscode.Webview, extensionUri: vscode.Uri, nonce: string): string {
  const media = mediaRoot(extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'timeline.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'timeline.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>exo-audit Timeline</title>
</head>
<body>
<div id="timeline-root"></div>
<script type="module" nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
