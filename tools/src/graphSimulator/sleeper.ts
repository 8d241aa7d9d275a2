/**
 * Timers that can all be cancelled at once: a stopped simulator must not leave a retry or a batching
 * window keeping the process alive. A cancelled sleep resolves `false` instead of hanging.
 */
export class Sleeper {
  private readonly waiting = new Map<NodeJS.Timeout, (completed: boolean) => void>();

  /** Resolves `true` after `ms`, or `false` as soon as {@link cancelAll} is called. */
  sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(timer);
        resolve(true);
      }, ms);
      this.waiting.set(timer, resolve);
    });
  }

  cancelAll(): void {
    for (const [timer, resolve] of this.waiting) {
      clearTimeout(timer);
      resolve(false);
    }
    this.waiting.clear();
  }
}
