import type { ContactOutcome } from '../contacts/contactModel';

/** How many contacts a sync found in each state. */
export type SyncCounts = Record<ContactOutcome, number>;

export function zeroCounts(): SyncCounts {
  return { new: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0 };
}

export function addCounts(a: SyncCounts, b: SyncCounts): SyncCounts {
  return {
    new: a.new + b.new,
    updated: a.updated + b.updated,
    deleted: a.deleted + b.deleted,
    unchanged: a.unchanged + b.unchanged,
    skipped: a.skipped + b.skipped,
  };
}

/** Reads counts stored as JSON, tolerating a missing or damaged value. */
export function parseCounts(json: unknown): SyncCounts {
  const counts = zeroCounts();
  if (typeof json !== 'string' || !json) return counts;
  try {
    const parsed = JSON.parse(json) as Partial<Record<ContactOutcome, unknown>>;
    for (const key of Object.keys(counts) as ContactOutcome[]) {
      const value = parsed[key];
      if (typeof value === 'number' && Number.isFinite(value)) counts[key] = value;
    }
  } catch {
    // A damaged value counts as zero; the contacts themselves are intact.
  }
  return counts;
}

/** How many problems of each code (`malformed_contact`, `throttled`, …) a round or a sync met. */
export type ProblemCounts = Record<string, number>;

export function addProblemCounts(a: ProblemCounts, b: ProblemCounts): ProblemCounts {
  const sum = { ...a };
  for (const [code, count] of Object.entries(b)) sum[code] = (sum[code] ?? 0) + count;
  return sum;
}

/** Reads problem counts stored as JSON, tolerating a missing or damaged value. */
export function parseProblemCounts(json: unknown): ProblemCounts {
  const counts: ProblemCounts = {};
  if (typeof json !== 'string' || !json) return counts;
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed === null || typeof parsed !== 'object') return counts;
    for (const [code, value] of Object.entries(parsed)) {
      if (typeof value === 'number' && Number.isFinite(value)) counts[code] = value;
    }
  } catch {
    // A damaged value counts as none.
  }
  return counts;
}
