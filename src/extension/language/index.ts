import { registerCommands } from '../commands/commandTable';
import type { Ctx } from '../ctx';
import { languageCommands } from './commands';
import { ExqLanguageClient } from './languageClient';

/** Sets up the EXQ language client (started lazily) and its commands; returns the command ids. */
export function activateLanguage(ctx: Ctx): string[] {
  const client = ctx.extensionScope.add(new ExqLanguageClient(ctx));
  const commands = registerCommands(ctx, languageCommands(client));
  client.activate();
  return commands;
}
