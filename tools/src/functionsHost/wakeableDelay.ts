/** A delay that can be cut short: a poller sleeps on it and is woken by new work, a drain or a stop. */
export class WakeableDelay {
  #pending?: { timer: NodeJS.Timeout; resolve: () => void };

  /** Resolves after `ms`, or earlier on {@link wake}. */
  sleep(ms: number): Promise<void> {
    this.wake();
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.#pending = undefined; resolve(); }, ms);
      this.#pending = { timer, resolve };
    });
  }

  /** Ends the current sleep now, if any. */
  wake(): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve();
  }
}
