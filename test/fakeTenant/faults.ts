/** Faults the fake tenant injects into matching requests, each a bounded number of times. */

export type FaultKind =
  | { kind: 'throttle'; retryAfterSeconds: number }
  | { kind: 'serverError'; status?: number }
  | { kind: 'slow' }
  | { kind: 'expireToken' }
  | { kind: 'drop' };

export type Fault = FaultKind & {
  /** Matched against "METHOD /path?query", a newline, and the request body. */
  readonly match: RegExp;
  /** Let this many matching requests through first. */
  readonly after?: number;
  /** How many matching requests the fault hits (default 1). */
  readonly times?: number;
};

interface ActiveFault { fault: Fault; seen: number; hit: number }

export class FaultPlan {
  private readonly active: ActiveFault[] = [];

  add(fault: Fault): void {
    this.active.push({ fault, seen: 0, hit: 0 });
  }

  clear(): void {
    this.active.length = 0;
  }

  /** The fault to apply to this request, if any. */
  take(line: string): FaultKind | undefined {
    for (const a of this.active) {
      if (!a.fault.match.test(line)) continue;
      a.seen++;
      if (a.seen <= (a.fault.after ?? 0)) continue;
      if (a.hit >= (a.fault.times ?? 1)) continue;
      a.hit++;
      return a.fault;
    }
    return undefined;
  }

  /** How many times each fault fired. */
  hits(): number[] {
    return this.active.map((a) => a.hit);
  }
}
