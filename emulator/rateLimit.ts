/** Fixed one-second window over all non-control requests (PingOne Platform API, Rate limiting: 100 requests/second per IP). */
export class RateLimiter {
  private windowStart = 0;
  private count = 0;

  constructor(private readonly requestsPerSecond: number | undefined) {}

  /** Returns undefined when allowed, else the Retry-After in whole seconds. */
  check(now = Date.now()): number | undefined {
    if (this.requestsPerSecond === undefined) return undefined;
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.count = 0;
    }
    this.count++;
    if (this.count <= this.requestsPerSecond) return undefined;
    return Math.max(1, Math.ceil((this.windowStart + 1000 - now) / 1000));
  }
}
