import type { LastSyncSummary } from '../storage/lastSyncSummary';
import type { UserRow } from '../storage/userRowStore';
import { zeroCounts } from '../sync/syncCounts';
import { readToken } from './orgHealthService';
import { INSTANT_EXPIRING_MS, RECENT_SYNC_MS, STALE_RUNNING_MS, countUser, healthUser, lastSyncView, zeroHealthCounts } from './userSyncView';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const counts = { ...zeroCounts(), new: 3, unchanged: 2 };

function summary(state: LastSyncSummary['state'], errorCode = ''): LastSyncSummary {
  return {
    syncId: 's1', state, trigger: 'manual', startedAt: '2026-12-01T11:00:00.000Z',
    endedAt: state === 'running' ? '' : '2026-12-01T11:05:00.000Z', counts, errorCode,
  };
}

function row(lastSync?: LastSyncSummary, updatedAt = NOW, extra: Partial<UserRow> = {}): UserRow {
  return { userId: 'u1', displayName: 'Ada', connected: false, reconnectNeeded: false, lastCompletedAt: '', instant: { subscriptions: 0, expiresAt: '', renewBucket: '', error: '' }, lastSync: lastSync && { ...lastSync, updatedAt }, ...extra };
}

describe('lastSyncView', () => {
  it.each([
    ['a completed sync', summary('completed'), NOW, { state: 'completed', endedAt: '2026-12-01T11:05:00.000Z' }, undefined],
    ['a failed sync with its code', summary('failed', 'throttled'), NOW, { state: 'failed' }, 'throttled'],
    ['a failed sync without a code', summary('failed'), NOW, { state: 'failed' }, 'internal'],
    ['a running sync written recently', summary('running'), NOW - STALE_RUNNING_MS, { state: 'running', endedAt: null }, undefined],
    ['a running sync its worker left (stale)', summary('running'), NOW - STALE_RUNNING_MS - 1, { state: 'failed', endedAt: null }, 'internal'],
  ])('shows %s', (_name, value, updatedAt, expected, errorCode) => {
    const view = lastSyncView(value, updatedAt, NOW);
    expect(view).toMatchObject({ syncId: 's1', counts, ...expected });
    expect(view.errorCode).toBe(errorCode);
  });
});

describe('health rows and counts', () => {
  it.each([
    ['never synced', row(), { state: 'none', lastSyncAt: null }],
    ['running (time of its start)', row(summary('running')), { state: 'running', lastSyncAt: '2026-12-01T11:00:00.000Z' }],
    ['completed (time of its end)', row(summary('completed')), { state: 'completed', lastSyncAt: '2026-12-01T11:05:00.000Z' }],
    ['failed with reconnect needed', row(summary('failed', 'reconnect_needed'), NOW, { reconnectNeeded: true }), { state: 'failed', errorCode: 'reconnect_needed', reconnectNeeded: true }],
  ])('lists a user %s', (_name, value, expected) => {
    expect(healthUser(value, NOW)).toMatchObject({ userId: 'u1', displayName: 'Ada', reconnectNeeded: false, ...expected });
  });

  it.each([
    ['a never-synced user', row(), { users: 1 }],
    ['a user completed within 24 h', row(summary('completed'), NOW, { lastCompletedAt: new Date(NOW - RECENT_SYNC_MS).toISOString() }), { users: 1, syncedLast24h: 1 }],
    ['a user completed 24 h ago and a bit', row(summary('completed'), NOW, { lastCompletedAt: new Date(NOW - RECENT_SYNC_MS - 1).toISOString() }), { users: 1 }],
    ['a user on instant sync, renewed', row(summary('completed'), NOW, { instant: { subscriptions: 3, expiresAt: new Date(NOW + 2 * INSTANT_EXPIRING_MS).toISOString(), renewBucket: 'b', error: '' } }), { users: 1, instantSync: 1 }],
    ['a user on instant sync expiring within a day', row(summary('completed'), NOW, { instant: { subscriptions: 1, expiresAt: new Date(NOW + INSTANT_EXPIRING_MS - 1).toISOString(), renewBucket: 'b', error: 'throttled' } }), { users: 1, instantSync: 1, instantExpiringSoon: 1, instantFailing: 1 }],
    ['a user whose subscriptions were dropped for a reconnect', row(undefined, NOW, { instant: { subscriptions: 0, expiresAt: '', renewBucket: '', error: 'reconnect_needed' } }), { users: 1, instantFailing: 1 }],
    ['a failing user who completed earlier today', row(summary('failed', 'graph_unavailable'), NOW, { lastCompletedAt: new Date(NOW - 60_000).toISOString() }), { users: 1, syncedLast24h: 1, failing: 1 }],
    ['a throttled user (also failing)', row(summary('failed', 'throttled')), { users: 1, failing: 1, throttled: 1 }],
    ['a user who must reconnect', row(summary('failed', 'reconnect_needed'), NOW, { reconnectNeeded: true }), { users: 1, failing: 1, reconnectNeeded: 1 }],
    ['a running user', row(summary('running')), { users: 1, running: 1 }],
    ['a user whose worker died', row(summary('running'), NOW - STALE_RUNNING_MS - 1), { users: 1, failing: 1 }],
  ])('counts %s', (_name, value, expected) => {
    expect(countUser(zeroHealthCounts(), value, NOW)).toEqual({ ...zeroHealthCounts(), ...expected });
  });
});

describe('the health list\'s continuation token', () => {
  it.each(['', 'abc', Buffer.from('x:someone').toString('base64url'), `${Buffer.from('u1:a').toString('base64url')}==`, 'u1:a'])(
    'refuses %p with 400 naming continuationToken', (token) => {
      let error: unknown;
      try { readToken(token); } catch (thrown) { error = thrown; }
      expect(error).toMatchObject({ code: 'invalid_request', details: { field: 'continuationToken' } });
    },
  );

  it('reads back the row key it carries', () => {
    expect(readToken(Buffer.from('u1:7f0c%7Cx').toString('base64url'))).toBe('7f0c%7Cx');
  });
});
