import type { RequestKind } from './faultScript';

/** How many Graph requests the simulator answered (admin requests are not counted). */
export interface RequestCounts {
  /** Graph requests: each request inside a `$batch` counts, the batch itself does not (as Graph throttles). */
  total: number;
  /** HTTP requests to `/v1.0` (a `$batch` of 20 is one). */
  roundTrips: number;
  /** Contact delta pages asked for (retries included). */
  deltaPage: number;
  /** Folder reads and listings. */
  folderListing: number;
  other: number;
  /** By HTTP status (`"200"`, `"429"`…), plus `"dropped"` for connections dropped mid-page. */
  byStatus: Record<string, number>;
}

/** Counts answered Graph requests by kind and status. */
export class RequestCounter {
  private counts: RequestCounts = emptyCounts();

  /** Counts one Graph request; `roundTrip` is false for a request inside a `$batch`. */
  record(kind: RequestKind, status: number | 'dropped', roundTrip = true): void {
    this.counts.total += 1;
    if (roundTrip) this.counts.roundTrips += 1;
    if (kind === 'delta') this.counts.deltaPage += 1;
    else if (kind === 'folders') this.counts.folderListing += 1;
    else this.counts.other += 1;
    const key = String(status);
    this.counts.byStatus[key] = (this.counts.byStatus[key] ?? 0) + 1;
  }

  /** Counts the HTTP request of a `$batch` (its requests are counted one by one with {@link record}). */
  recordBatch(): void {
    this.counts.roundTrips += 1;
  }

  snapshot(): RequestCounts {
    return { ...this.counts, byStatus: { ...this.counts.byStatus } };
  }

  reset(): void {
    this.counts = emptyCounts();
  }
}

function emptyCounts(): RequestCounts {
  return { total: 0, roundTrips: 0, deltaPage: 0, folderListing: 0, other: 0, byStatus: {} };
}
