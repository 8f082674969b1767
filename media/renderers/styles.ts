// The renderers' CSS: colours only from the theme (--vscode-* variables), so light, dark and high
// contrast themes all work.
export const tableCss = `
.exo-audit-table, .exo-audit-notice, .exo-audit-chart { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size, 13px); color: var(--vscode-foreground); }
.exo-toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 2px 0 4px; }
.exo-summary { color: var(--vscode-descriptionForeground); margin-right: 6px; }
.exo-status { color: var(--vscode-descriptionForeground); margin-left: 6px; }
.exo-button { font: inherit; color: var(--vscode-button-secondaryForeground, var(--vscode-foreground)); background: var(--vscode-button-secondaryBackground, transparent);
  border: 1px solid var(--vscode-button-border, var(--vscode-contrastBorder, transparent)); border-radius: 2px; padding: 1px 8px; cursor: pointer; }
.exo-button:hover { background: var(--vscode-button-secondaryHoverBackground, var(--vscode-toolbar-hoverBackground)); }
.exo-button:focus-visible, .exo-sort:focus-visible, .exo-expand:focus-visible, .exo-viewport:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.exo-note { color: var(--vscode-editorWarning-foreground, var(--vscode-descriptionForeground)); margin: 2px 0; }
.exo-viewport { position: relative; overflow: auto; border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); }
.exo-spacer { position: relative; }
.exo-rows { position: absolute; top: 0; left: 0; right: 0; will-change: transform; }
.exo-row { display: grid; height: ${22}px; line-height: ${22}px; white-space: nowrap; min-width: max-content; }
.exo-odd { background: var(--vscode-list-hoverBackground, transparent); }
.exo-header { position: sticky; top: 0; z-index: 1; background: var(--vscode-editor-background); border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); font-weight: 600; }
.exo-cell { overflow: hidden; text-overflow: ellipsis; padding: 0 6px; border-right: 1px solid var(--vscode-editorGroup-border, transparent); }
.exo-number { text-align: right; font-variant-numeric: tabular-nums; }
.exo-sort, .exo-expand { font: inherit; color: inherit; background: none; border: none; padding: 0; cursor: pointer; max-width: 100%; overflow: hidden; text-overflow: ellipsis; text-align: left; }
.exo-head[aria-sort="ascending"] .exo-sort::after { content: " ▲"; }
.exo-head[aria-sort="descending"] .exo-sort::after { content: " ▼"; }
.exo-expand { color: var(--vscode-textLink-foreground); font-family: var(--vscode-editor-font-family); }
.exo-empty { padding: 4px 6px; color: var(--vscode-descriptionForeground); }
.exo-detail { margin-top: 4px; border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); padding: 4px 6px; }
.exo-detail-head { display: flex; justify-content: space-between; align-items: center; }
.exo-json { font-family: var(--vscode-editor-font-family); white-space: pre-wrap; word-break: break-all; max-height: 320px; overflow: auto; margin: 4px 0 0; }
.exo-audit-notice { display: flex; align-items: center; gap: 8px; padding: 4px 0; }
`;

export const chartCss = `
.exo-audit-chart { color: var(--vscode-foreground); }
.exo-chart-title { font-weight: 600; margin: 2px 0; }
.exo-chart-note { color: var(--vscode-descriptionForeground); margin: 2px 0; }
.exo-chart svg { display: block; max-width: 100%; }
.exo-axis line, .exo-axis path { stroke: var(--vscode-editorLineNumber-foreground, var(--vscode-foreground)); }
.exo-grid line { stroke: var(--vscode-editorIndentGuide-background, var(--vscode-panel-border, transparent)); }
.exo-axis text, .exo-legend { fill: var(--vscode-descriptionForeground); color: var(--vscode-descriptionForeground); font-size: 11px; }
.exo-legend { display: flex; flex-wrap: wrap; gap: 4px 12px; margin-top: 4px; list-style: none; padding: 0; }
.exo-swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; }
`;
