import type { Ctx } from '../ctx';
import type { ExqLanguageClient } from './languageClient';

/** The language server's commands (package.json contributes.commands), by id. */
export function languageCommands(client: ExqLanguageClient) {
  return {
    'exoAudit.restartLanguageServer': (ctx: Ctx) => async (): Promise<void> => {
      await client.restart();
      ctx.output.info('EXQ language server restarted');
    },
  };
}
