"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FolderLog = void 0;
const NONE = -1;
/**
 * The append-only history of one folder, in version order. A delta round reads the events below the
 * position of its snapshot version, so a round sees the folder exactly as it was when it started
 * while later changes pile up above it — no copies, O(1) per event read.
 */
class FolderLog {
    events = [];
    /** For each event, the index of the next event of the same contact (or NONE). */
    nextOfSameContact = [];
    lastIndexOf = new Map();
    get length() {
        return this.events.length;
    }
    append(event) {
        const last = this.events[this.events.length - 1];
        if (last && last.version > event.version)
            throw new RangeError('folder events must be appended in version order');
        const index = this.events.length;
        const previous = this.lastIndexOf.get(event.contactId);
        if (previous !== undefined)
            this.nextOfSameContact[previous] = index;
        this.events.push(event);
        this.nextOfSameContact.push(NONE);
        this.lastIndexOf.set(event.contactId, index);
    }
    at(index) {
        const event = this.events[index];
        if (!event)
            throw new RangeError(`no folder event at ${index}`);
        return event;
    }
    /** The index of the first event made after `version` (= how many events are at or below it). */
    positionAfter(version) {
        let low = 0;
        let high = this.events.length;
        while (low < high) {
            const middle = (low + high) >>> 1;
            if (this.at(middle).version <= version)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }
    /** Whether the event at `index` is the last one of its contact among the first `end` events. */
    isLatestBefore(index, end) {
        const next = this.nextOfSameContact[index] ?? NONE;
        return next === NONE || next >= end;
    }
}
exports.FolderLog = FolderLog;
//# sourceMappingURL=folderLog.js.map