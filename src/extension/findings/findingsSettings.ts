// VS Code settings exoAudit.findings.* -> the engine's FindingsSettingsInput. No vscode import: the caller
// hands in a reader, so the mapping is testable anywhere. The keys mirror defaultSettings leaf by leaf
// (exoAudit.findings.burst.itemThreshold <-> settings.burst.itemThreshold), so they cannot drift apart.
import { defaultSettings, type FindingsSettingsInput } from '../../core/findings';

/** The configuration section the findings settings live in. */
export const FINDINGS_SECTION = 'exoAudit.findings';

/** A leaf of the settings tree: its path and the default value's kind. */
export interface SettingLeaf {
  readonly path: readonly string[];
  readonly kind: 'number' | 'string' | 'boolean' | 'numbers' | 'strings' | 'time';
}

function kindOf(value: unknown, path: readonly string[]): SettingLeaf['kind'] {
  if (path.join('.') === 'baselineUntil') return 'time';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return value.every((v) => typeof v === 'number') && value.length > 0 ? 'numbers' : 'strings';
  throw new Error(`findings setting ${path.join('.')} has a default of unknown kind`);
}

function leavesOf(value: object, prefix: readonly string[]): SettingLeaf[] {
  const out: SettingLeaf[] = [];
  for (const [key, v] of Object.entries(value)) {
    const path = [...prefix, key];
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) out.push(...leavesOf(v, path));
    else out.push({ path, kind: kindOf(v, path) });
  }
  return out;
}

/** Every findings setting, in the order of defaultSettings. */
export const findingsSettingLeaves: readonly SettingLeaf[] = leavesOf(defaultSettings, []);

/** The setting key under FINDINGS_SECTION, e.g. "burst.itemThreshold". */
export function settingKey(leaf: SettingLeaf): string {
  return leaf.path.join('.');
}

function valid(kind: SettingLeaf['kind'], value: unknown): boolean {
  switch (kind) {
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'string': return typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'numbers': return Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isFinite(v));
    case 'strings': return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'time': return typeof value === 'string' || typeof value === 'number' || value === null;
  }
}

export interface MappedSettings {
  readonly input: FindingsSettingsInput;
  /** One line per setting whose value has the wrong type (it falls back to the engine's default). */
  readonly problems: readonly string[];
}

/**
 * Builds the engine's settings input from a reader of the section's keys. A value that is undefined
 * (not set) or of the wrong type is left out, so the engine's default applies.
 */
export function findingsSettingsFrom(read: (key: string) => unknown): MappedSettings {
  const input: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const leaf of findingsSettingLeaves) {
    const key = settingKey(leaf);
    let value = read(key);
    if (value === undefined) continue;
    if (!valid(leaf.kind, value)) {
      problems.push(`${FINDINGS_SECTION}.${key}: expected ${leaf.kind}, got ${JSON.stringify(value)}`);
      continue;
    }
    if (leaf.kind === 'time' && typeof value === 'string' && value.trim() === '') value = null;
    let node = input;
    for (const part of leaf.path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[leaf.path[leaf.path.length - 1]!] = value;
  }
  return { input: input as FindingsSettingsInput, problems };
}
