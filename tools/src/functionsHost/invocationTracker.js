"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InvocationTracker = void 0;
/** Counts running invocations of every trigger, so the host can tell when it is idle or drain on stop. */
class InvocationTracker {
    #running = 0;
    #started = 0;
    #idleWaiters = [];
    /** Invocations running now. */
    get running() { return this.#running; }
    /** Invocations started since the host started; changes whenever work began in between two looks. */
    get started() { return this.#started; }
    /** Runs one invocation's work (including its output bindings) while counting it. */
    async track(work) {
        this.#running++;
        this.#started++;
        try {
            return await work();
        }
        finally {
            this.#running--;
            if (this.#running === 0)
                this.#idleWaiters.splice(0).forEach((resolve) => resolve());
        }
    }
    /** Resolves once nothing runs. */
    async idle() {
        if (this.#running === 0)
            return;
        await new Promise((resolve) => this.#idleWaiters.push(resolve));
    }
}
exports.InvocationTracker = InvocationTracker;
//# sourceMappingURL=invocationTracker.js.map