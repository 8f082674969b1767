/** The shape of a CLI command: a table entry, not a class hierarchy. */

export interface CommandContext {
  readonly positionals: string[];
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly json: boolean;
  readonly out: (line: string) => void;
}

export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  /** node:util parseArgs options (besides --json and --help, which every command has). */
  readonly options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean }>;
  run(ctx: CommandContext): Promise<void>;
}
