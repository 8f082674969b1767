import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { artifactsDir } from './paths';

const quickInput = '.quick-input-widget';

/** Helpers over the VS Code workbench DOM in a Playwright page. Every wait is on a DOM state. */
export class Workbench {
  constructor(readonly page: Page) {}

  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Opens the command palette (F1) with `text` typed after the '>' prefix. */
  async openCommandPalette(text = ''): Promise<Locator> {
    const input = this.page.locator(`${quickInput} input.input`);
    if (!(await input.isVisible())) {
      await this.page.locator('.monaco-workbench').focus();
      await this.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible' });
    }
    await input.fill(`>${text}`);
    return input;
  }

  /** The palette row whose label is exactly `label` (e.g. "exo-audit: Open Audit Export(s)"). */
  paletteEntry(label: string): Locator {
    return this.page.locator(`${quickInput} .quick-input-list .monaco-list-row`).filter({
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }),
    });
  }

  /** Runs a command by its palette label, the way a user does. */
  async runCommand(label: string): Promise<void> {
    await this.openCommandPalette(label);
    const entry = this.paletteEntry(label);
    await entry.first().waitFor({ state: 'visible' });
    await entry.first().click();
  }

  async closeQuickInput(): Promise<void> {
    const widget = this.page.locator(quickInput);
    if (await widget.isVisible()) {
      await this.page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden' });
    }
  }

  /** The quick input (palette, picker, VS Code's own file dialog) currently shown. */
  quickInputWidget(): Locator {
    return this.page.locator(quickInput);
  }

  /** The title of the shown quick input; the command palette has none, pickers and file dialogs do. */
  quickInputTitle(title: string): Locator {
    return this.page.locator(`${quickInput} .quick-input-title`, { hasText: new RegExp(`^${escapeRegExp(title)}$`) });
  }

  /** A row of the shown quick input's list, by its label (a command, a pick, a file name). */
  quickInputRow(label: string): Locator {
    return this.page.locator(`${quickInput} .quick-input-list .monaco-list-row[aria-label="${cssString(label)}"]`);
  }

  /** The activity bar entry of a view container, by its title. */
  activityBarItem(title: string): Locator {
    return this.page.locator('.part.activitybar .action-item', {
      has: this.page.locator(`.action-label[aria-label^="${cssString(title)}"]`),
    });
  }

  /** Shows a view container: clicks its activity bar entry unless that container is already shown. */
  async openViewContainer(title: string): Promise<void> {
    const item = this.activityBarItem(title);
    if (!(await item.evaluate((element) => element.classList.contains('checked')))) await item.click();
    await this.page.locator('.part.sidebar .composite.title', { hasText: new RegExp(escapeRegExp(title), 'i') }).waitFor({ state: 'visible' });
  }

  /** A view pane in the side bar, by its title (e.g. "Findings"). */
  viewPane(title: string): Locator {
    return this.page.locator('.part.sidebar .pane', {
      has: this.page.locator('.pane-header', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}`, 'i') }),
    });
  }

  /** Tree rows of a view pane. */
  treeRows(viewTitle: string): Locator {
    return this.viewPane(viewTitle).locator('.pane-body .monaco-list-row');
  }

  /** The status bar entry showing `text`. */
  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('.part.statusbar .statusbar-item', { hasText: text });
  }

  /** Notification toasts currently shown. */
  notificationToasts(): Locator {
    return this.page.locator('.notifications-toasts .notification-toast');
  }

  /** A notification toast containing `text`. */
  notificationToast(text: string | RegExp): Locator {
    return this.notificationToasts().filter({ hasText: text });
  }

  /** Messages in the notification center (also holds notifications that were never toasted). */
  async notificationCenterMessages(): Promise<string[]> {
    const center = this.page.locator('.notifications-center');
    if (!(await center.isVisible())) {
      await this.runCommand('Notifications: Show Notifications');
      await center.waitFor({ state: 'visible' });
    }
    return center.locator('.notification-list-item-message').allInnerTexts();
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(artifactsDir, { recursive: true });
    const file = path.join(artifactsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function cssString(text: string): string {
  return text.replace(/["\\]/g, '\\$&');
}
