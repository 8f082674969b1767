// The test-only side channel between the extension and the end-to-end harness.
// When the extension host's environment names a file in TEST_EVENTS_ENV, the extension appends
// one JSON object per line to it, so tests wait on real events instead of sleeping.

export const TEST_EVENTS_ENV = 'EXO_AUDIT_TEST_EVENTS';

export type TestEvent =
  | { readonly event: 'activated'; readonly commands: readonly string[] }
  | { readonly event: 'datasetChanged'; readonly statusText: string }
  | { readonly event: 'commandFailed'; readonly command: string; readonly message: string }
  | { readonly event: 'tenantChanged'; readonly source: string; readonly apps: number; readonly mailboxes: number }
  | { readonly event: 'findingsChanged'; readonly findings: number; readonly stories: number; readonly suppressed: number; readonly diagnostics: number }
  | { readonly event: 'notebookCellExecuted'; readonly notebook: string; readonly cell: number; readonly success: boolean; readonly outcome: string; readonly rows: number }
  | { readonly event: 'notebookRendererAction'; readonly action: string; readonly detail: string };

export type TestEventName = TestEvent['event'];

/** Parses the lines of an events file; lines that are not complete JSON objects (a write in progress) are skipped. */
export function parseTestEvents(text: string): TestEvent[] {
  const events: TestEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.endsWith('}')) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (isTestEvent(value)) events.push(value);
    } catch {
      // a partially written line: it is complete on the next read
    }
  }
  return events;
}

function isTestEvent(value: unknown): value is TestEvent {
  return typeof value === 'object' && value !== null && typeof (value as { event?: unknown }).event === 'string';
}
