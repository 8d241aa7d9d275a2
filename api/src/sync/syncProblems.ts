import { createHash } from 'node:crypto';
import type { FolderState } from '../storage/mailboxStore';
import { MAX_PROBLEMS, type SyncProblem } from '../storage/syncHistoryRepository';
import { type ProblemCounts, addProblemCounts } from './syncCounts';

/** Problems about one contact; they are counted per contact, from the folder checkpoints. */
export const CONTACT_PROBLEM_CODES: ReadonlySet<string> = new Set([
  'malformed_contact', 'contact_unstorable', 'contact_refused', 'contact_truncated',
]);

const MAX_ID_LENGTH = 128;
const MAX_MESSAGE_LENGTH = 300;

/** Problems counted per code. */
export function countProblems(problems: Iterable<SyncProblem>): ProblemCounts {
  const counts: ProblemCounts = {};
  for (const { code } of problems) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}

/**
 * A sync's problem counts after an attempt. Contact problems come from the checkpoints of this sync's
 * folder rounds (`rounds`; a replayed page is not counted twice), or stay as they were when the attempt
 * ended before its rounds were planned. Each attempt's ending error adds one to its code.
 */
export function syncProblemCounts(earlier: ProblemCounts, rounds: Iterable<FolderState> | undefined, endingCode?: string): ProblemCounts {
  let counts: ProblemCounts = {};
  for (const [code, count] of Object.entries(earlier)) {
    if (!rounds || !CONTACT_PROBLEM_CODES.has(code)) counts[code] = count;
  }
  for (const round of rounds ?? []) counts = addProblemCounts(counts, round.problemCounts ?? {});
  if (endingCode) counts[endingCode] = (counts[endingCode] ?? 0) + 1;
  return counts;
}

/**
 * The sample of a sync's problems kept in its history: one per (code, contact), at most `max`. An error
 * that ended an attempt (no contact) is always kept and moved last, so the latest one ends the list;
 * when the sample is full, the newest contact problems make room.
 */
export function mergeProblemSample(earlier: SyncProblem[], added: SyncProblem[], max = MAX_PROBLEMS): SyncProblem[] {
  const sample = earlier.map(bounded);
  const key = (problem: SyncProblem): string => `${problem.code}\n${problem.contactId ?? ''}`;
  const seen = new Set(sample.map(key));
  for (const problem of added.map(bounded)) {
    if (!problem.contactId) {
      const index = sample.findIndex((kept) => key(kept) === key(problem));
      if (index >= 0) sample.splice(index, 1);
      sample.push(problem);
    } else if (!seen.has(key(problem))) {
      sample.push(problem);
    }
    seen.add(key(problem));
  }
  while (sample.length > max) {
    let newestContactProblem = sample.length - 1;
    while (newestContactProblem >= 0 && !sample[newestContactProblem]?.contactId) newestContactProblem -= 1;
    sample.splice(Math.max(newestContactProblem, 0), 1);
  }
  return sample;
}

/** A problem short enough for the history row (ids and messages can be anything Graph sent). */
function bounded(problem: SyncProblem): SyncProblem {
  const message = problem.message.length > MAX_MESSAGE_LENGTH ? `${problem.message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : problem.message;
  const result: SyncProblem = { code: problem.code, message };
  if (problem.contactId) result.contactId = boundedId(problem.contactId);
  return result;
}

/** A long id as its start, '…' and a hash of the whole: still one per contact, and the same every time. */
function boundedId(id: string): string {
  if (id.length <= MAX_ID_LENGTH) return id;
  const hash = createHash('sha256').update(id, 'utf16le').digest('hex').slice(0, 16);
  return `${id.slice(0, MAX_ID_LENGTH - hash.length - 1)}…${hash}`;
}
