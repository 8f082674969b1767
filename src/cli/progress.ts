/** A progress bar on stderr when it is a terminal; silent otherwise (pipes, CI, --json). */

export interface Progress {
  update(done: number, label?: string): void;
  finish(): void;
}

const silent: Progress = { update() {}, finish() {} };

export function progressBar(total: number, enabled = process.stderr.isTTY === true): Progress {
  if (!enabled || total <= 0) return silent;
  let last = 0;
  const width = 30;
  return {
    update(done, label = '') {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const frac = Math.min(1, done / total);
      const fill = Math.round(frac * width);
      process.stderr.write(`\r[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${(frac * 100).toFixed(0).padStart(3)}% ${label.slice(0, 40).padEnd(40)}`);
    },
    finish() {
      process.stderr.write(`\r${' '.repeat(width + 48)}\r`);
    },
  };
}
