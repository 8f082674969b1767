/** Runs `work` and logs how long it took, so every e2e run prints where its time went. */
export async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    log(`${label}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  }
}

export function log(message: string): void {
  process.stdout.write(`      [e2e] ${message}\n`);
}
