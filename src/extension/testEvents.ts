import { appendFileSync } from 'node:fs';
import { TEST_EVENTS_ENV, type TestEvent } from '../protocol/testEvents';

export interface TestEventSink {
  emit(event: TestEvent): void;
}

/** Appends events to the file named by EXO_AUDIT_TEST_EVENTS; without it (normal use) events go nowhere. */
export function testEventSinkFromEnvironment(env: NodeJS.ProcessEnv = process.env): TestEventSink {
  const file = env[TEST_EVENTS_ENV];
  if (!file) return { emit: () => undefined };
  return { emit: (event) => appendFileSync(file, JSON.stringify(event) + '\n') };
}
