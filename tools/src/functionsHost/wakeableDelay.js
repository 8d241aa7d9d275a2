"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WakeableDelay = void 0;
/** A delay that can be cut short: a poller sleeps on it and is woken by new work, a drain or a stop. */
class WakeableDelay {
    #pending;
    /** Resolves after `ms`, or earlier on {@link wake}. */
    sleep(ms) {
        this.wake();
        return new Promise((resolve) => {
            const timer = setTimeout(() => { this.#pending = undefined; resolve(); }, ms);
            this.#pending = { timer, resolve };
        });
    }
    /** Ends the current sleep now, if any. */
    wake() {
        const pending = this.#pending;
        if (!pending)
            return;
        this.#pending = undefined;
        clearTimeout(pending.timer);
        pending.resolve();
    }
}
exports.WakeableDelay = WakeableDelay;
//# sourceMappingURL=wakeableDelay.js.map