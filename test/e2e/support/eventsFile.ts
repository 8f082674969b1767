import { readFileSync, watch, writeFileSync } from 'node:fs';
import { parseTestEvents, type TestEvent, type TestEventName } from '../../../src/protocol/testEvents';
import { withDeadline } from './deadline';

export type EventOf<N extends TestEventName> = Extract<TestEvent, { event: N }>;

/** The file the extension appends test events to (EXO_AUDIT_TEST_EVENTS); waits by watching it. */
export class EventsFile {
  constructor(readonly path: string) {
    writeFileSync(path, '');
  }

  read(): TestEvent[] {
    return parseTestEvents(readFileSync(this.path, 'utf8'));
  }

  /** How many events have arrived; pass it as `after` to wait only for later ones. */
  count(): number {
    return this.read().length;
  }

  /** Resolves with the first event named `name` (at index >= after) that satisfies `matches`. */
  waitFor<N extends TestEventName>(
    name: N,
    options: { matches?: (event: EventOf<N>) => boolean; after?: number; timeoutMs?: number } = {},
  ): Promise<EventOf<N>> {
    const { matches = () => true, after = 0, timeoutMs = 60_000 } = options;
    const find = (): EventOf<N> | undefined =>
      this.read()
        .slice(after)
        .find((event): event is EventOf<N> => event.event === name && matches(event as EventOf<N>));
    const found = find();
    if (found) return Promise.resolve(found);
    const watcher = watch(this.path);
    const arrival = new Promise<EventOf<N>>((resolve, reject) => {
      watcher.on('change', () => {
        const event = find();
        if (event) resolve(event);
      });
      watcher.on('error', reject);
      // An append between the first look and the watch starting would otherwise be missed.
      const event = find();
      if (event) resolve(event);
    });
    return withDeadline(arrival, timeoutMs, `test event "${name}" in ${this.path}`).finally(() => watcher.close());
  }
}
