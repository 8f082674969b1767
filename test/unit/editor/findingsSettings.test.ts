import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultSettings, resolveSettings } from '../../../src/core/findings';
import { FINDINGS_SECTION, findingsSettingLeaves, findingsSettingsFrom, settingKey } from '../../../src/extension/findings/findingsSettings';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default: unknown; type: string }> } };
};
const properties = manifest.contributes.configuration.properties;

function defaultAt(leafPath: readonly string[]): unknown {
  let v: unknown = defaultSettings;
  for (const p of leafPath) v = (v as Record<string, unknown>)[p];
  return v;
}

describe('findings settings: package.json <-> the engine', () => {
  it('declares every engine setting under exoAudit.findings with the engine default', () => {
    assert.ok(findingsSettingLeaves.length >= 20);
    for (const leaf of findingsSettingLeaves) {
      const key = `${FINDINGS_SECTION}.${settingKey(leaf)}`;
      const declared = properties[key];
      assert.ok(declared, `package.json declares ${key}`);
      const engineDefault = defaultAt(leaf.path);
      assert.deepEqual(declared.default, engineDefault === null ? '' : engineDefault, `${key} default`);
    }
  });

  it('declares no exoAudit.findings setting the engine or the editor does not read', () => {
    const known = new Set(findingsSettingLeaves.map((l) => `${FINDINGS_SECTION}.${settingKey(l)}`));
    for (const editorOnly of ['runAfterLoad', 'maxDiagnosticsPerFinding']) known.add(`${FINDINGS_SECTION}.${editorOnly}`);
    const unknown = Object.keys(properties).filter((k) => k.startsWith(`${FINDINGS_SECTION}.`) && !known.has(k));
    assert.deepEqual(unknown, []);
  });

  it('maps the manifest defaults to exactly the engine defaults', () => {
    const { input, problems } = findingsSettingsFrom((key) => properties[`${FINDINGS_SECTION}.${key}`]?.default);
    assert.deepEqual(problems, []);
    assert.deepEqual(resolveSettings(input), defaultSettings);
  });

  it('passes set values through, nested, and leaves out values of the wrong type with a problem line', () => {
    const values: Record<string, unknown> = {
      'burst.itemThreshold': 42, knownApps: ['app-1'], 'businessHours.days': [0, 6], baselineUntil: '2024-03-05T00:00:00Z',
      timeZone: 7, 'signIn.minHistoryDays': 'three',
    };
    const { input, problems } = findingsSettingsFrom((key) => values[key]);
    const settings = resolveSettings(input);
    assert.equal(settings.burst.itemThreshold, 42);
    assert.equal(settings.burst.windowMinutes, defaultSettings.burst.windowMinutes);
    assert.deepEqual(settings.knownApps, ['app-1']);
    assert.deepEqual(settings.businessHours.days, [0, 6]);
    assert.equal(settings.baselineUntil, Date.UTC(2024, 2, 5));
    assert.equal(settings.timeZone, defaultSettings.timeZone);
    assert.equal(settings.signIn.minHistoryDays, defaultSettings.signIn.minHistoryDays);
    assert.equal(problems.length, 2);
    assert.ok(problems.some((p) => p.startsWith('exoAudit.findings.timeZone:')));
    assert.ok(problems.some((p) => p.startsWith('exoAudit.findings.signIn.minHistoryDays:')));
  });

  it('reads an empty baseline as none', () => {
    assert.equal(resolveSettings(findingsSettingsFrom((key) => (key === 'baselineUntil' ? '' : undefined)).input).baselineUntil, null);
  });
});
