// Rewrites syntaxes/exq.tmLanguage.json from the language's own lists: npx tsx test/lsp/support/writeExqGrammar.ts
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildExqGrammar } from './exqGrammar';

const file = path.resolve(__dirname, '..', '..', '..', 'syntaxes', 'exq.tmLanguage.json');
writeFileSync(file, `${JSON.stringify(buildExqGrammar(), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
