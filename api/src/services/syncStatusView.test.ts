import type { FolderState } from '../storage/mailboxStore';
import type { SyncRecord } from '../storage/syncHistoryRepository';
import type { LeaseRow } from '../storage/syncLeaseRepository';
import { zeroCounts } from '../sync/syncCounts';
import { historyEntry, syncStatusView, type SyncStatusInput } from './syncStatusView';

const lease: LeaseRow = { syncId: 's2', historyKey: 'k2', holder: 'worker', expiresAt: 1, syncFinished: false };

function record(state: SyncRecord['state'], extra: Partial<SyncRecord> = {}): SyncRecord {
  return {
    syncId: 's2', trigger: 'manual', full: false, state, startedAt: '2026-01-01T00:00:00.000Z', endedAt: '',
    counts: zeroCounts(), graphRequests: 0, tableTransactions: 0, resumes: 0, problems: [], ...extra,
  };
}

function folder(roundSyncId: string, pagesDone: number, added: number): FolderState {
  return {
    folderId: `f-${roundSyncId}-${pagesDone}`, displayName: '', deltaLink: '', deltaLinkAt: '', roundSyncId, roundMode: 'full', nextLink: '',
    roundDone: false, pagesDone, counts: { ...zeroCounts(), new: added }, reconcile: false,
  };
}

const input = (extra: Partial<SyncStatusInput>): SyncStatusInput => ({ leaseLive: false, leaseQueued: false, folders: [], ...extra });

describe('sync status view', () => {
  it('says none before the first sync', () => {
    expect(syncStatusView(input({}))).toMatchObject({ state: 'none', syncId: null, pagesDone: 0, error: null });
  });

  it('shows a reserved sync as queued, before any history row exists', () => {
    expect(syncStatusView(input({ lease: { ...lease, holder: 'queued' }, leaseLive: true, leaseQueued: true }))).toMatchObject({
      state: 'queued', syncId: 's2', trigger: null, startedAt: null,
    });
  });

  it('sums the progress of the running sync\'s folder rounds only', () => {
    const view = syncStatusView(input({
      lease, leaseLive: true, record: record('running'), folders: [folder('s2', 3, 30), folder('s2', 2, 15), folder('s1', 9, 90)],
    }));
    expect(view).toMatchObject({ state: 'running', syncId: 's2', pagesDone: 5, contactsProcessed: 45, endedAt: null });
    expect(view.counts.new).toBe(45);
  });

  it('names the folders being read (a listing waiting for its first page, a round with more pages) and counts stored contacts', () => {
    const reading = (name: string, state: Partial<FolderState>): FolderState => ({ ...folder('s2', 0, 0), folderId: name, displayName: name, ...state });
    const folders = [
      reading('Contacts', { nextLink: 'page-0' }),
      reading('Work', { pagesDone: 2, nextLink: 'page-3', counts: { ...zeroCounts(), new: 150, unchanged: 40, skipped: 7 } }),
      reading('Family', { pagesDone: 1, roundDone: true, counts: { ...zeroCounts(), updated: 9 } }),
      { ...reading('Old', { nextLink: 'page-4' }), roundSyncId: 's1' },
    ];
    const view = syncStatusView(input({ lease, leaseLive: true, record: record('running'), folders }));
    expect(view).toMatchObject({ state: 'running', contactsStored: 199, contactsProcessed: 206, readingFolders: ['Contacts', 'Work'] });
    expect(syncStatusView(input({ record: record('failed'), folders })).readingFolders).toEqual([]);
  });

  it('gives a completed sync\'s counts from its history row (end-phase deletions included)', () => {
    const counts = { ...zeroCounts(), new: 45, deleted: 2 };
    const view = syncStatusView(input({ lease, record: record('completed', { counts, endedAt: 'later' }), folders: [folder('s2', 5, 45)] }));
    expect(view).toMatchObject({ state: 'completed', counts, contactsProcessed: 47, pagesDone: 5, endedAt: 'later', error: null });
  });

  it('gives a failed sync\'s stopping error, after the contact problems', () => {
    const problems = [{ code: 'skipped', message: 'bad', contactId: 'c1' }, { code: 'reconnect_needed', message: 'Open Contact Sync' }];
    expect(syncStatusView(input({ record: record('failed', { problems }) }))).toMatchObject({
      state: 'failed', problems, error: { code: 'reconnect_needed', message: 'Open Contact Sync' },
    });
  });

  it('shows a sync whose worker died (row running, lease expired) as failed and to be continued', () => {
    expect(syncStatusView(input({ lease, record: record('running') }))).toMatchObject({
      state: 'failed', error: { code: 'internal', message: expect.stringMatching(/continues/) },
    });
  });

  it('maps a history row with its totals and its error', () => {
    const row = record('failed', { counts: { ...zeroCounts(), updated: 3 }, problems: [{ code: 'throttled', message: 'later' }] });
    expect(historyEntry(row)).toMatchObject({ syncId: 's2', state: 'failed', contactsProcessed: 3, error: { code: 'throttled' } });
    expect(historyEntry(record('completed')).error).toBeNull();
  });
});
