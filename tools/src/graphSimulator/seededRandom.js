"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SeededRandom = void 0;
exports.mixSeed = mixSeed;
/**
 * A small seeded PRNG (mulberry32): the same seed gives the same sequence on every machine, so a
 * generated mailbox, a shuffled round or a run of random faults can be reproduced from its seed.
 *
 * It avoids `Math.*` built-ins on purpose: inside jest's vm context each such call is ~15x slower, and
 * the generator draws millions of numbers for a 100,000-contact mailbox.
 */
class SeededRandom {
    state;
    constructor(seed) {
        this.state = seed >>> 0;
    }
    /** A float in [0, 1). */
    next() {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = imul32(t ^ (t >>> 15), t | 1);
        t ^= t + imul32(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }
    /** An integer in [0, maxExclusive). */
    int(maxExclusive) {
        const scaled = this.next() * maxExclusive;
        return scaled - (scaled % 1);
    }
    /** True with probability `p`; draws nothing when `p` is 0, so a disabled knob leaves the sequence alone. */
    chance(p) {
        return p > 0 && this.next() < p;
    }
    pick(items) {
        const item = items[this.int(items.length)];
        if (item === undefined)
            throw new RangeError('cannot pick from an empty list');
        return item;
    }
}
exports.SeededRandom = SeededRandom;
/** Mixes numbers and strings into one 32-bit seed (FNV-1a over their text). */
function mixSeed(...parts) {
    let hash = 0x811c9dc5;
    for (const part of parts) {
        const text = `${part}\u0000`;
        for (let i = 0; i < text.length; i += 1) {
            hash = (hash ^ text.charCodeAt(i)) >>> 0;
            // × 16777619 (FNV prime = 2^24 + 403) modulo 2^32, exact in doubles.
            hash = ((hash << 24) + hash * 403) >>> 0;
        }
    }
    return hash;
}
/** `Math.imul` without the built-in: the low 32 bits of a·b, as a signed integer. */
function imul32(a, b) {
    const aHigh = (a >>> 16) & 0xffff;
    const aLow = a & 0xffff;
    return (aLow * b + (((aHigh * b) & 0xffff) << 16)) | 0;
}
//# sourceMappingURL=seededRandom.js.map