// How the language server process is started. No vscode import: the benchmark starts it the same way.

/** The server process's script, relative to the extension root (scripts/build.mjs bundles it). */
export const SERVER_MODULE = 'dist/server.js';

/**
 * Node options of the server process. Analysis allocates many short-lived objects; a larger young
 * generation halves the time spent in scavenges on a 1,000-line document (test/bench/lsp.bench.ts).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=32'];
