/** Counts running invocations of every trigger, so the host can tell when it is idle or drain on stop. */
export class InvocationTracker {
  #running = 0;
  #started = 0;
  #idleWaiters: (() => void)[] = [];

  /** Invocations running now. */
  get running(): number { return this.#running; }

  /** Invocations started since the host started; changes whenever work began in between two looks. */
  get started(): number { return this.#started; }

  /** Runs one invocation's work (including its output bindings) while counting it. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.#running++;
    this.#started++;
    try {
      return await work();
    } finally {
      this.#running--;
      if (this.#running === 0) this.#idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  /** Resolves once nothing runs. */
  async idle(): Promise<void> {
    if (this.#running === 0) return;
    await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
  }
}
