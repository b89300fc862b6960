/**
 * Per-key call budget like the InLoox connector's throttling: at most `calls` requests in any sliding window of
 * `windowMs`; beyond that the caller learns how many seconds to wait (Retry-After).
 */
export class RateLimiter {
  private readonly calls = new Map<string, number[]>();

  constructor(private readonly limit: { calls: number; windowMs: number }) {}

  /** Records a call and returns 0 when allowed, else the seconds until the next call is allowed. */
  take(key: string, now = Date.now()): number {
    const since = now - this.limit.windowMs;
    const times = (this.calls.get(key) ?? []).filter((t) => t > since);
    if (times.length >= this.limit.calls) {
      this.calls.set(key, times);
      return Math.max(1, Math.ceil((times[0]! + this.limit.windowMs - now) / 1000));
    }
    times.push(now);
    this.calls.set(key, times);
    return 0;
  }

  reset(): void {
    this.calls.clear();
  }
}
