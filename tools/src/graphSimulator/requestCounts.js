"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RequestCounter = void 0;
/** Counts answered Graph requests by kind and status. */
class RequestCounter {
    counts = emptyCounts();
    record(kind, status) {
        this.counts.total += 1;
        if (kind === 'delta')
            this.counts.deltaPage += 1;
        else if (kind === 'folders')
            this.counts.folderListing += 1;
        else
            this.counts.other += 1;
        const key = String(status);
        this.counts.byStatus[key] = (this.counts.byStatus[key] ?? 0) + 1;
    }
    snapshot() {
        return { ...this.counts, byStatus: { ...this.counts.byStatus } };
    }
    reset() {
        this.counts = emptyCounts();
    }
}
exports.RequestCounter = RequestCounter;
function emptyCounts() {
    return { total: 0, deltaPage: 0, folderListing: 0, other: 0, byStatus: {} };
}
//# sourceMappingURL=requestCounts.js.map