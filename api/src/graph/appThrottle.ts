/**
 * The app's Graph throttle state in this instance: the latest moment until which Graph asked any sync of
 * this process to wait (a 429 with Retry-After). The planner starts no new scheduled syncs before it, so a
 * throttled app backs off as a whole instead of adding load. Per instance on purpose (no storage round trip
 * per 429); docs/architecture.md ("Scheduled sync") says what that means on several instances.
 */
export class AppThrottle {
  private until = 0;

  /** Records a 429's Retry-After (seconds, as Graph sends it); the later of two waits wins. */
  note(retryAfterSeconds: number, now: number = Date.now()): void {
    if (!(retryAfterSeconds > 0)) return;
    this.until = Math.max(this.until, now + retryAfterSeconds * 1000);
  }

  /** Epoch ms before which new starts should wait (0 or past: not throttled). */
  throttledUntil(): number {
    return this.until;
  }
}

/** The process's one throttle state, written by every Graph client and read by the planner. */
export const appThrottle = new AppThrottle();
