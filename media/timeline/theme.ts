// Canvas colours, read from VS Code's --vscode-* CSS variables (light, dark and high-contrast themes
// set them on the webview's root). Read again whenever the theme changes.
import type { TimelineMarkerKind, TimelineSeverity } from '../../src/protocol/timeline';

export interface Palette {
  /** Changes whenever the palette is read again (cached drawings compare it). */
  readonly key: number;
  readonly background: string;
  readonly foreground: string;
  readonly muted: string;
  readonly grid: string;
  readonly stripe: string;
  readonly focusBorder: string;
  readonly contrastBorder: string | null;
  readonly density: string;
  readonly throttled: string;
  readonly burst: string;
  readonly selection: string;
  readonly kinds: Readonly<Record<TimelineMarkerKind, string>>;
  readonly severities: Readonly<Record<TimelineSeverity, string>>;
  readonly highContrast: boolean;
  readonly font: string;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v || fallback;
}

let reads = 0;

export function readPalette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => cssVar(style, `--vscode-${name}`, fallback);
  const body = document.body.classList;
  const highContrast = body.contains('vscode-high-contrast') || body.contains('vscode-high-contrast-light');
  const red = v('charts-red', '#f14c4c');
  const orange = v('charts-orange', '#d18616');
  const yellow = v('charts-yellow', '#cca700');
  const green = v('charts-green', '#89d185');
  const blue = v('charts-blue', '#3794ff');
  const purple = v('charts-purple', '#b180d7');
  const foreground = v('editor-foreground', v('foreground', '#cccccc'));
  const contrast = style.getPropertyValue('--vscode-contrastBorder').trim();
  return {
    key: ++reads,
    background: v('editor-background', '#1e1e1e'),
    foreground,
    muted: v('descriptionForeground', '#999999'),
    grid: v('editorLineNumber-foreground', '#5a5a5a'),
    stripe: v('list-hoverBackground', 'rgba(128,128,128,0.08)'),
    focusBorder: v('focusBorder', '#007fd4'),
    contrastBorder: contrast || null,
    density: blue,
    throttled: red,
    burst: orange,
    selection: v('editor-selectionBackground', 'rgba(38,79,120,0.6)'),
    kinds: {
      delegation: orange, consent: purple, appRole: purple, appCredential: yellow, rbac: green,
      auditTampering: red, ediscovery: yellow, inboxRule: orange, signIn: foreground,
    },
    severities: { informational: v('charts-foreground', foreground), low: blue, medium: yellow, high: orange, critical: red },
    highContrast,
    font: `${cssVar(style, '--vscode-font-size', '12px')} ${cssVar(style, '--vscode-font-family', 'sans-serif')}`,
  };
}
