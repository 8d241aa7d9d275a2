"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TimerTrigger = void 0;
exports.timerInvocationInput = timerInvocationInput;
const cron_parser_1 = require("cron-parser");
const appSettings_1 = require("./appSettings");
const loadFunctionModules_1 = require("./loadFunctionModules");
// setTimeout takes at most 2^31-1 ms (~24.8 days); longer waits are taken in steps.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;
// An occurrence fired later than this after its time is reported as past due.
const PAST_DUE_AFTER_MS = 1000;
/**
 * Runs one timer-triggered function on its NCRONTAB schedule (`{second} {minute} {hour} {day} {month}
 * {day-of-week}`, UTC as on Azure by default). Occurrences never overlap: the next one is planned
 * when the current invocation ended.
 */
class TimerTrigger {
    fn;
    invoke;
    logger;
    schedule;
    #timeout;
    #lastOccurrence;
    #stopped = false;
    constructor(fn, invoke, logger) {
        this.fn = fn;
        this.invoke = invoke;
        this.logger = logger;
        const trigger = (0, loadFunctionModules_1.triggerOf)(fn);
        this.schedule = (0, appSettings_1.resolveAppSettingReferences)(typeof trigger.schedule === 'string' ? trigger.schedule : '');
        if (/^\d+(\.\d+)?:\d+:\d+$/.test(this.schedule)) {
            throw new Error(`Timer '${fn.metadata.name}': TimeSpan schedules ('${this.schedule}') are not supported; use NCRONTAB`);
        }
        this.#nextAfter(new Date()); // fails at start-up on an invalid expression, naming the function
    }
    /** Starts the schedule; with `runOnStartup` the function also runs right away. */
    start() {
        if ((0, loadFunctionModules_1.triggerOf)(this.fn).runOnStartup === true)
            void this.#fireScheduled(new Date());
        else
            this.#planNext();
    }
    /** Stops the schedule (an invocation already running finishes on its own). */
    stop() {
        this.#stopped = true;
        clearTimeout(this.#timeout);
    }
    /** Runs the function once now; rejects with its error. */
    async fire(scheduledAt = new Date()) {
        const next = this.#nextAfter(new Date());
        const last = this.#lastOccurrence ?? scheduledAt;
        this.#lastOccurrence = scheduledAt;
        const isPastDue = Date.now() - scheduledAt.getTime() > PAST_DUE_AFTER_MS;
        await this.invoke(this.fn, timerInvocationInput((0, loadFunctionModules_1.triggerOf)(this.fn).name, isPastDue, last, next), 'Timer fired');
    }
    async #fireScheduled(occurrence) {
        // invokeFunction logged a failure; a timer just waits for its next occurrence.
        await this.fire(occurrence).catch(() => undefined);
        this.#planNext();
    }
    #planNext() {
        if (this.#stopped)
            return;
        const occurrence = this.#nextAfter(new Date());
        const wait = () => {
            const remaining = occurrence.getTime() - Date.now();
            if (this.#stopped)
                return;
            if (remaining > 0)
                this.#timeout = setTimeout(wait, Math.min(remaining, MAX_TIMEOUT_MS));
            else
                void this.#fireScheduled(occurrence);
        };
        wait();
        this.logger({ level: 'debug', category: 'system', functionName: this.fn.metadata.name, message: `Next occurrence: ${occurrence.toISOString()}` });
    }
    #nextAfter(date) {
        return (0, cron_parser_1.parseExpression)(this.schedule, { currentDate: date, utc: true }).next().toDate();
    }
}
exports.TimerTrigger = TimerTrigger;
/** The `Timer` object as the host sends it (PascalCase; `@azure/functions` camel-cases it). */
function timerInvocationInput(triggerName, isPastDue, last, next) {
    const timer = {
        Schedule: { AdjustForDST: true },
        ScheduleStatus: { Last: last.toISOString(), Next: next.toISOString(), LastUpdated: new Date().toISOString() },
        IsPastDue: isPastDue,
    };
    return { inputData: [{ name: triggerName, data: { json: JSON.stringify(timer) } }] };
}
//# sourceMappingURL=timerTrigger.js.map