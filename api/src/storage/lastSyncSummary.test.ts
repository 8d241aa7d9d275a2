import { zeroCounts } from '../sync/syncCounts';
import { summaryOf } from './lastSyncSummary';
import type { SyncRecord } from './syncHistoryRepository';

function record(state: SyncRecord['state'], problems: SyncRecord['problems'] = []): SyncRecord {
  return {
    syncId: 's1', trigger: 'schedule', full: false, state, startedAt: '2026-12-01T10:00:00.000Z', endedAt: '2026-12-01T09:00:00.000Z',
    counts: { ...zeroCounts(), updated: 4 }, graphRequests: 3, tableTransactions: 2, resumes: 1, problems,
  };
}

describe('summaryOf: the users-row summary of a history record', () => {
  it.each([
    ['a completed sync: its end, no code', record('completed', [{ code: 'malformed_contact', message: 'm', contactId: 'c1' }]), { endedAt: '2026-12-01T09:00:00.000Z', errorCode: '' }],
    ['a running attempt (a resumed record keeps an old end): no end', record('running'), { endedAt: '', errorCode: '' }],
    ['a failed sync: the last problem without a contact', record('failed', [
      { code: 'throttled', message: 'earlier attempt' }, { code: 'malformed_contact', message: 'm', contactId: 'c1' }, { code: 'reconnect_needed', message: 'r' },
      { code: 'contact_refused', message: 'm', contactId: 'c2' },
    ]), { endedAt: '2026-12-01T09:00:00.000Z', errorCode: 'reconnect_needed' }],
    ['a failed sync without a recorded error', record('failed'), { errorCode: 'internal' }],
  ])('%s', (_name, value, expected) => {
    expect(summaryOf(value)).toMatchObject({ syncId: 's1', state: value.state, trigger: 'schedule', counts: value.counts, ...expected });
  });
});
