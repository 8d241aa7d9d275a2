"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readDeltaPage = readDeltaPage;
exports.shufflePermutation = shufflePermutation;
const seededRandom_1 = require("./seededRandom");
/**
 * Cuts one page of a round, reading only O(page) log entries (plus superseded ones it skips). An entry
 * is sent when it is its contact's last change inside the window, so a contact changed twice is sent
 * once, in its snapshot state. Pages are a pure function of (log, window, options): a retried page is
 * the same page.
 */
function readDeltaPage(log, window, options) {
    const size = window.end - window.start;
    const positionOf = (k) => window.start + (window.perm ? (window.perm[0] * k + window.perm[1]) % size : k);
    const visible = (k) => {
        const position = positionOf(k);
        const event = log.at(position);
        if (!log.isLatestBefore(position, window.end) || (window.full && !event.contact))
            return undefined;
        return event;
    };
    const rng = new seededRandom_1.SeededRandom((0, seededRandom_1.mixSeed)(options.seed, window.start, window.end, options.cursor));
    const pageStart = options.cursor;
    const maxReplays = Math.floor(options.pageSize / 2);
    const events = [];
    let cursor = pageStart;
    let replays = 0;
    while (events.length < options.pageSize && cursor < size) {
        if (pageStart > 0 && replays < maxReplays && rng.chance(options.replayRate)) {
            const again = visible(rng.int(pageStart));
            if (again)
                events.push(again);
            replays += 1;
            if (events.length >= options.pageSize)
                break;
        }
        const event = visible(cursor);
        cursor += 1;
        if (event)
            events.push(event);
    }
    return { events, cursor, done: cursor >= size };
}
/** A deterministic permutation `(a·k + b) mod size` of a round's positions; none below 2 positions. */
function shufflePermutation(size, seed) {
    if (size < 2)
        return undefined;
    const rng = new seededRandom_1.SeededRandom(seed);
    let a = 1 + rng.int(size - 1);
    while (gcd(a, size) !== 1)
        a = (a % (size - 1)) + 1;
    return [a, rng.int(size)];
}
function gcd(a, b) {
    let x = a;
    let y = b;
    while (y !== 0)
        [x, y] = [y, x % y];
    return x;
}
//# sourceMappingURL=deltaPager.js.map