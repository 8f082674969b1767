// The EXQ language server process (bundled to dist/server.js, started by the extension over IPC).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createServer } from './server';

const connection = createConnection(ProposedFeatures.all);
const server = createServer(connection);
connection.onShutdown(() => server.dispose());
connection.listen();
