/** `exo-audit findings FILES...`: detections over audit exports, sorted by severity; a report; a CI gate. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isSeverity, runFindings, severityRank, suppressionsFile, type Finding } from '../../core/findings';
import type { TenantModel } from '../../core/tenant/model';
import { findingsMarkdown } from '../findingsReport';
import { loadInputs } from '../loadInputs';
import { renderTable } from '../textTable';
import { UsageError } from '../usageError';
import type { Command } from './command';

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${file}: ${(e as Error).message}`);
  }
}

function iso(t: number | null): string {
  return t === null ? '' : new Date(t).toISOString().slice(0, 19).replace('T', ' ');
}

export const findingsCommand: Command = {
  name: 'findings',
  usage: 'findings FILES|FOLDERS... [--json|--markdown] [--min-severity S] [--fail-on S] [--settings FILE] [--suppressions FILE] [--snapshot FILE]',
  summary: 'run the detections: findings sorted by severity, stories, remediation; non-zero exit at or above --fail-on',
  options: {
    markdown: { type: 'boolean', default: false }, 'fail-on': { type: 'string' }, settings: { type: 'string' },
    suppressions: { type: 'string' }, snapshot: { type: 'string' }, 'min-severity': { type: 'string' },
  },
  async run({ positionals, values, json, out }) {
    if (positionals.length === 0) throw new UsageError('findings needs at least one file or folder');
    const failOn = values['fail-on'];
    const minSeverity = values['min-severity'];
    if (minSeverity !== undefined && (typeof minSeverity !== 'string' || !isSeverity(minSeverity))) {
      throw new UsageError(`--min-severity must be one of informational, low, medium, high, critical (got ${String(minSeverity)})`);
    }
    const shown = (f: Finding): boolean => minSeverity === undefined || severityRank(f.severity) >= severityRank(minSeverity as Finding['severity']);
    if (failOn !== undefined && (typeof failOn !== 'string' || !isSeverity(failOn))) {
      throw new UsageError(`--fail-on must be one of informational, low, medium, high, critical (got ${String(failOn)})`);
    }
    const settings = typeof values.settings === 'string' ? readJson(values.settings, 'settings') : undefined;
    const suppressionPath = typeof values.suppressions === 'string' ? values.suppressions : path.join(process.cwd(), suppressionsFile);
    const suppressions = existsSync(suppressionPath) ? readJson(suppressionPath, 'suppressions') : undefined;
    const tenant = typeof values.snapshot === 'string' ? (readJson(values.snapshot, 'snapshot') as { model?: TenantModel } & TenantModel) : undefined;
    const ds = await loadInputs(positionals, { quiet: json || values.markdown === true });
    const result = await runFindings(ds.tables, {
      settings: settings as never, suppressions, tenant: tenant ? (tenant.model ?? tenant) : undefined,
    });
    for (const e of result.errors) process.stderr.write(`exo-audit: rule ${e.ruleId} failed: ${e.message}\n`);
    for (const e of result.suppressionErrors) process.stderr.write(`exo-audit: suppressions: ${e}\n`);

    if (json) {
      out(JSON.stringify({
        findings: result.findings, stories: result.stories,
        suppressed: result.suppressed.map((s) => ({ id: s.finding.id, reason: s.suppression })),
        timings: result.timings, totalMs: result.totalMs,
        ledger: { read: ds.ledger.read, loaded: ds.ledger.loaded, duplicates: ds.ledger.duplicates, rejected: ds.ledger.rejected },
      }, null, 2));
    } else if (values.markdown) {
      out(findingsMarkdown(result, ds));
    } else {
      const storyOf = new Map<string, number>();
      result.stories.forEach((s, i) => s.memberIds.forEach((id) => storyOf.set(id, i + 1)));
      out(renderTable(['severity', 'when (UTC)', 'finding', 'actor', 'mailbox / app', 'story'],
        result.findings.filter(shown).map((f: Finding) => [f.severity, iso(f.start), f.title, f.actor, f.mailbox || f.app, storyOf.get(f.id) ?? ''])));
      out('');
      for (const [i, s] of result.stories.entries()) {
        if (shown(s)) out(`story ${i + 1} (${s.severity}): ${s.title} — ${s.memberIds.length} findings, ${iso(s.start)} to ${iso(s.end)}`);
      }
      const hidden = result.findings.filter((f) => !shown(f)).length;
      if (hidden) out(`(${hidden} findings below ${String(minSeverity)} not shown)`);
      out(`\n${result.findings.length} findings, ${result.stories.length} stories, ${result.suppressed.length} suppressed as expected; ${result.totalMs.toFixed(0)} ms`);
    }
    if (failOn) {
      const at = result.findings.filter((f) => severityRank(f.severity) >= severityRank(failOn as Finding['severity']));
      if (at.length) throw new UsageError(`${at.length} finding(s) at or above ${failOn}`, 3);
    }
  },
};
