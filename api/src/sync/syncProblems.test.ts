import type { FolderState } from '../storage/mailboxStore';
import type { SyncProblem } from '../storage/syncHistoryRepository';
import { zeroCounts } from './syncCounts';
import { countProblems, mergeProblemSample, syncProblemCounts } from './syncProblems';

const skipped = (id: string): SyncProblem => ({ code: 'malformed_contact', message: 'givenName is not a string', contactId: id });
const failed = (code: string): SyncProblem => ({ code, message: 'later' });

function round(problemCounts: Record<string, number>): FolderState {
  return {
    folderId: 'F', displayName: '', deltaLink: '', deltaLinkAt: '', roundSyncId: 's', roundMode: 'full', nextLink: '',
    roundDone: true, pagesDone: 1, counts: zeroCounts(), problemCounts, reconcile: false,
  };
}

describe('mergeProblemSample', () => {
  it.each<[string, SyncProblem[], SyncProblem[], SyncProblem[]]>([
    ['keeps one problem per code and contact', [skipped('a')], [skipped('a'), skipped('b')], [skipped('a'), skipped('b')]],
    ['keeps one entry per error code, moved last', [failed('throttled'), skipped('a')], [failed('throttled')], [skipped('a'), failed('throttled')]],
    ['ends with the latest error', [failed('graph_unavailable'), failed('reconnect_needed')], [failed('graph_unavailable')],
      [failed('reconnect_needed'), failed('graph_unavailable')]],
    ['adds nothing for nothing', [skipped('a')], [], [skipped('a')]],
  ])('%s', (_name, earlier, added, expected) => {
    expect(mergeProblemSample(earlier, added)).toEqual(expected);
  });

  it('keeps at most the maximum, dropping the newest contact problems for the error', () => {
    const earlier = Array.from({ length: 5 }, (_, i) => skipped(`c${i}`));
    const sample = mergeProblemSample(earlier, [skipped('late'), failed('internal')], 5);
    expect(sample.map((p) => p.contactId ?? p.code)).toEqual(['c0', 'c1', 'c2', 'c3', 'internal']);
  });

  it('keeps long ids that start alike apart, and the same on every attempt', () => {
    const long = (n: number): SyncProblem => skipped(`${'x'.repeat(500)}${n}`);
    const first = mergeProblemSample([], [long(1), long(2)]);
    expect(first).toHaveLength(2);
    expect(mergeProblemSample(first, [long(1), long(2)])).toEqual(first);
  });

  it('cuts long ids and messages to fit the history row', () => {
    const [problem] = mergeProblemSample([], [{ code: 'contact_refused', message: 'm'.repeat(5000), contactId: 'x'.repeat(40_000) }]);
    expect(problem?.contactId?.length).toBeLessThanOrEqual(128);
    expect(problem?.message.length).toBeLessThanOrEqual(300);
  });
});

describe('syncProblemCounts', () => {
  it.each<[string, Record<string, number>, FolderState[] | undefined, string | undefined, Record<string, number>]>([
    ['takes contact problems from the rounds, not from earlier attempts', { malformed_contact: 3 }, [round({ malformed_contact: 2 }), round({ contact_truncated: 1 })], undefined,
      { malformed_contact: 2, contact_truncated: 1 }],
    ['adds one per failed attempt to its code', { graph_unavailable: 1, malformed_contact: 2 }, [round({ malformed_contact: 2 })], 'graph_unavailable',
      { graph_unavailable: 2, malformed_contact: 2 }],
    ['keeps earlier contact counts when the rounds were never planned', { malformed_contact: 2 }, undefined, 'reconnect_needed',
      { malformed_contact: 2, reconnect_needed: 1 }],
    ['is empty for a clean sync', {}, [round({})], undefined, {}],
  ])('%s', (_name, earlier, rounds, ending, expected) => {
    expect(syncProblemCounts(earlier, rounds, ending)).toEqual(expected);
  });
});

describe('countProblems', () => {
  it('counts per code', () => {
    expect(countProblems([skipped('a'), skipped('b'), failed('throttled')])).toEqual({ malformed_contact: 2, throttled: 1 });
  });
});
