"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GraphSimulator = void 0;
const deltaTokens_1 = require("./deltaTokens");
const faultScript_1 = require("./faultScript");
const mailbox_1 = require("./mailbox");
const requestCounts_1 = require("./requestCounts");
const seededRandom_1 = require("./seededRandom");
const simulatorKnobs_1 = require("./simulatorKnobs");
/**
 * The simulator's state, usable without HTTP: mailboxes keyed by (tenant, user), knobs, the fault
 * script, request counts and the delta token registry.
 */
class GraphSimulator {
    /** Deterministic faults for tests, consumed by the next matching requests. */
    faults = new faultScript_1.FaultScript();
    /** Encodes and checks skip and delta tokens. */
    tokens = new deltaTokens_1.TokenCodec();
    knobValues;
    faultRandom;
    counter = new requestCounts_1.RequestCounter();
    mailboxes = new Map();
    incarnations = 0;
    tokenSerial = 0;
    expiredBelow = 0;
    constructor(knobs = {}) {
        this.knobValues = Object.freeze((0, simulatorKnobs_1.mergeKnobs)(simulatorKnobs_1.DEFAULT_KNOBS, knobs));
        this.faultRandom = new seededRandom_1.SeededRandom((0, seededRandom_1.mixSeed)('faults', this.knobValues.seed));
    }
    /** The current knobs (a frozen copy). */
    get knobs() {
        return this.knobValues;
    }
    /** Assigning a partial object changes only those knobs (see {@link setKnobs}). */
    set knobs(patch) {
        this.setKnobs(patch);
    }
    /** Changes some knobs; throws a RangeError naming a bad one. Setting `seed` restarts the random faults. */
    setKnobs(patch) {
        this.knobValues = Object.freeze((0, simulatorKnobs_1.mergeKnobs)(this.knobValues, patch));
        if (patch.seed !== undefined)
            this.faultRandom = new seededRandom_1.SeededRandom((0, seededRandom_1.mixSeed)('faults', patch.seed));
        return this.knobValues;
    }
    /** Graph requests answered so far (a copy). */
    get counts() {
        return this.counter.snapshot();
    }
    resetCounts() {
        this.counter.reset();
    }
    /** The mailbox of (tenant, user), created empty when new. */
    mailbox(tenantId, userId) {
        return this.findMailbox(tenantId, userId) ?? this.createMailbox(tenantId, userId);
    }
    findMailbox(tenantId, userId) {
        return this.mailboxes.get(mailboxKey(tenantId, userId));
    }
    /** A new empty mailbox for (tenant, user), replacing any existing one; old tokens then answer 410. */
    createMailbox(tenantId, userId) {
        this.incarnations += 1;
        const mailbox = new mailbox_1.Mailbox(tenantId, userId, this.incarnations);
        this.mailboxes.set(mailboxKey(tenantId, userId), mailbox);
        return mailbox;
    }
    deleteMailbox(tenantId, userId) {
        return this.mailboxes.delete(mailboxKey(tenantId, userId));
    }
    /** Every delta token issued until now answers 410 from now on (skip tokens of running rounds still work). */
    expireDeltaTokens() {
        this.expiredBelow = this.tokenSerial + 1;
    }
    /** @internal The serial of a delta token being issued. */
    issueTokenSerial() {
        this.tokenSerial += 1;
        return this.tokenSerial;
    }
    /** @internal Whether a delta token with this serial was expired by {@link expireDeltaTokens}. */
    isExpired(serial) {
        return serial < this.expiredBelow;
    }
    /** @internal Draws this request's random fault from the seeded knobs. */
    drawRandomFault() {
        const { throttleRate, unavailableRate, dropRate } = this.knobValues;
        if (this.faultRandom.chance(throttleRate))
            return '429';
        if (this.faultRandom.chance(unavailableRate))
            return '503';
        if (this.faultRandom.chance(dropRate))
            return 'drop';
        return undefined;
    }
    /** @internal Counts an answered Graph request. */
    recordRequest(kind, status) {
        this.counter.record(kind, status);
    }
}
exports.GraphSimulator = GraphSimulator;
function mailboxKey(tenantId, userId) {
    return `${tenantId}\n${userId}`;
}
//# sourceMappingURL=graphSimulator.js.map