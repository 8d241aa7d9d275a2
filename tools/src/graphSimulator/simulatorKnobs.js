"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_KNOBS = void 0;
exports.mergeKnobs = mergeKnobs;
exports.DEFAULT_KNOBS = Object.freeze({
    latencyMs: 0,
    throttleRate: 0,
    unavailableRate: 0,
    dropRate: 0,
    retryAfterSeconds: 1,
    replayRate: 0,
    shuffle: false,
    seed: 1,
    maxPageSize: 200,
    expiredTokenCode: 'syncStateNotFound',
    expiredTokenLocation: true,
    unknownMailbox: 'notFound',
});
const isRate = (v) => typeof v === 'number' && v >= 0 && v <= 1;
const isCount = (min, max) => (v) => Number.isInteger(v) && v >= min && v <= max;
const isOneOf = (...values) => (v) => values.includes(v);
const CHECKS = {
    latencyMs: [isCount(0, 600_000), 'a whole number of milliseconds'],
    throttleRate: [isRate, 'a probability between 0 and 1'],
    unavailableRate: [isRate, 'a probability between 0 and 1'],
    dropRate: [isRate, 'a probability between 0 and 1'],
    retryAfterSeconds: [isCount(0, 3600), 'whole seconds between 0 and 3600'],
    replayRate: [(v) => typeof v === 'number' && v >= 0 && v <= 0.9, 'a probability between 0 and 0.9'],
    shuffle: [isOneOf(true, false), 'true or false'],
    seed: [isCount(0, 2 ** 32 - 1), 'a whole number between 0 and 2^32-1'],
    maxPageSize: [isCount(1, 1000), 'a whole number between 1 and 1000'],
    expiredTokenCode: [isOneOf('syncStateNotFound', 'resyncRequired'), '"syncStateNotFound" or "resyncRequired"'],
    expiredTokenLocation: [isOneOf(true, false), 'true or false'],
    unknownMailbox: [isOneOf('notFound', 'empty'), '"notFound" or "empty"'],
};
/** Applies a patch (from code or JSON) to the knobs; an unknown knob or a bad value throws a RangeError naming it. */
function mergeKnobs(current, patch) {
    if (patch === null || typeof patch !== 'object' || Array.isArray(patch))
        throw new RangeError('knobs must be an object');
    const next = { ...current };
    for (const [name, value] of Object.entries(patch)) {
        if (value === undefined)
            continue;
        const check = CHECKS[name];
        if (!check)
            throw new RangeError(`unknown knob "${name}"; known: ${Object.keys(CHECKS).join(', ')}`);
        if (!check[0](value))
            throw new RangeError(`knob "${name}" must be ${check[1]}, got ${JSON.stringify(value)}`);
        next[name] = value;
    }
    return next;
}
//# sourceMappingURL=simulatorKnobs.js.map