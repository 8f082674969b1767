/** exo-audit: the headless CLI over the same core as the extension. */
import { parseArgs } from 'node:util';
import type { Command } from './commands/command';
import { findingsCommand } from './commands/findings';
import { loadCommand } from './commands/load';
import { queryCommand } from './commands/query';
import { synthCommand } from './commands/synth';
import { tenantCommand } from './commands/tenant';
import { accessCommand } from './commands/access';
import { workspaceCommand } from './commands/workspace';
import { UsageError } from './usageError';

const commands: Command[] = [loadCommand, findingsCommand, queryCommand, synthCommand, tenantCommand, accessCommand, workspaceCommand];

function usage(): string {
  return [
    'usage: exo-audit COMMAND [options]   (every command takes --json)',
    '',
    ...commands.map((c) => `  ${c.usage.padEnd(58)} ${c.summary}`),
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`unknown command "${name}" (try: ${commands.map((c) => c.name).join(', ')})`);
    const parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { ...command.options, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
    });
    if (parsed.values.help) {
      process.stdout.write(`usage: exo-audit ${command.usage}\n${command.summary}\n`);
      return 0;
    }
    const out = (line: string): void => {
      process.stdout.write(`${line}\n`);
    };
    await command.run({ positionals: parsed.positionals, values: parsed.values as CommandContext['values'], json: parsed.values.json === true, out });
    return 0;
  } catch (e) {
    const err = e as Error & { code?: string; exitCode?: number };
    if (e instanceof UsageError) {
      process.stderr.write(`exo-audit: ${e.message}\n`);
      return e.exitCode;
    }
    if (err.code && err.code.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`exo-audit: ${err.message}\n`);
      return 2;
    }
    if (err.name === 'AbortError') {
      process.stderr.write('exo-audit: cancelled\n');
      return 130;
    }
    process.stderr.write(`exo-audit: ${err.message}\n`);
    if (process.env.EXO_AUDIT_DEBUG) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

type CommandContext = import('./commands/command').CommandContext;

if (require.main === module) {
  // `exo-audit load x | head` closes stdout early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
