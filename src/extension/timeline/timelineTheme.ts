import * as vscode from 'vscode';
import type { TimelineThemeKind } from '../../protocol/timeline';

export function timelineTheme(kind: vscode.ColorThemeKind = vscode.window.activeColorTheme.kind): TimelineThemeKind {
  switch (kind) {
    case vscode.ColorThemeKind.Light: return 'light';
    case vscode.ColorThemeKind.HighContrast: return 'highContrast';
    case vscode.ColorThemeKind.HighContrastLight: return 'highContrastLight';
    default: return 'dark';
  }
}
