import type { LastSyncSummary } from '../storage/lastSyncSummary';
import type { UserRow } from '../storage/userRowStore';
import type { SyncCounts } from '../sync/syncCounts';

/**
 * A `running` summary not written again for this long went with its worker (a crash): each attempt writes
 * it at its start and end, and an attempt lasts the time budget (6 min) plus its page in flight; a
 * continuation waits at most its 10-minute reservation.
 */
export const STALE_RUNNING_MS = 30 * 60_000;

/** "Synced in the last 24 hours" in the health counts. */
export const RECENT_SYNC_MS = 24 * 60 * 60_000;

/** The code shown for a sync whose worker stopped without recording an end (as `GET /api/sync/status` does). */
const INTERRUPTED_CODE = 'internal';

/** `lastSync` of `GET /api/me`. */
export interface LastSyncView {
  syncId: string;
  state: 'running' | 'completed' | 'failed';
  /** null while the sync runs. */
  endedAt: string | null;
  counts: SyncCounts;
  errorCode?: string;
}

/** One user of `GET /api/org/health`. */
export interface HealthUser {
  userId: string;
  displayName: string;
  /** When the last sync ended (or started, while it runs); null when the user never synced. */
  lastSyncAt: string | null;
  state: 'none' | 'running' | 'completed' | 'failed';
  errorCode?: string;
  reconnectNeeded: boolean;
  /** On instant sync: its subscriptions (one per contact folder), their earliest expiry, the last failure's code. */
  instant?: { subscriptions: number; expiresAt: string; errorCode?: string };
}

/** "Expiring soon" in the health counts: a renewal is due every day, so less than a day left means renewals fail. */
export const INSTANT_EXPIRING_MS = 24 * 60 * 60_000;

/** `counts` of `GET /api/org/health`: over every user of the tenant. `throttled` is part of `failing`. */
export interface HealthCounts {
  users: number;
  syncedLast24h: number;
  failing: number;
  reconnectNeeded: number;
  throttled: number;
  running: number;
  /** Users on instant sync (with live subscriptions). */
  instantSync: number;
  /** Of those, users whose earliest subscription expires within 24 hours. */
  instantExpiringSoon: number;
  /** Users whose last subscription create or renewal failed (reconnect_needed included). */
  instantFailing: number;
}

/** A summary as shown: a `running` one that is stale counts as failed (interrupted). */
export function lastSyncView(summary: LastSyncSummary, updatedAt: number, now: number): LastSyncView {
  const stale = summary.state === 'running' && now - updatedAt > STALE_RUNNING_MS;
  const state = stale ? 'failed' : summary.state;
  const errorCode = stale ? INTERRUPTED_CODE : summary.errorCode;
  return {
    syncId: summary.syncId, state, endedAt: summary.endedAt || null, counts: { ...summary.counts },
    ...(state === 'failed' ? { errorCode: errorCode || INTERRUPTED_CODE } : {}),
  };
}

/** A users row as the health view lists it. */
export function healthUser(row: UserRow, now: number): HealthUser {
  const view = row.lastSync && lastSyncView(row.lastSync, row.lastSync.updatedAt, now);
  return {
    userId: row.userId, displayName: row.displayName,
    lastSyncAt: row.lastSync ? (row.lastSync.endedAt || row.lastSync.startedAt || null) : null,
    state: view?.state ?? 'none',
    ...(view?.errorCode ? { errorCode: view.errorCode } : {}),
    reconnectNeeded: row.reconnectNeeded,
    ...(row.instant.subscriptions > 0 || row.instant.error ? {
      instant: { subscriptions: row.instant.subscriptions, expiresAt: row.instant.expiresAt, ...(row.instant.error ? { errorCode: row.instant.error } : {}) },
    } : {}),
  };
}

export function zeroHealthCounts(): HealthCounts {
  return { users: 0, syncedLast24h: 0, failing: 0, reconnectNeeded: 0, throttled: 0, running: 0, instantSync: 0, instantExpiringSoon: 0, instantFailing: 0 };
}

/** Adds one users row to the counts. */
export function countUser(counts: HealthCounts, row: UserRow, now: number): HealthCounts {
  const user = healthUser(row, now);
  const completedAt = Date.parse(row.lastCompletedAt);
  return {
    users: counts.users + 1,
    syncedLast24h: counts.syncedLast24h + (Number.isFinite(completedAt) && now - completedAt <= RECENT_SYNC_MS ? 1 : 0),
    failing: counts.failing + (user.state === 'failed' ? 1 : 0),
    reconnectNeeded: counts.reconnectNeeded + (user.reconnectNeeded ? 1 : 0),
    throttled: counts.throttled + (user.state === 'failed' && user.errorCode === 'throttled' ? 1 : 0),
    running: counts.running + (user.state === 'running' ? 1 : 0),
    instantSync: counts.instantSync + (row.instant.subscriptions > 0 ? 1 : 0),
    instantExpiringSoon: counts.instantExpiringSoon + (row.instant.subscriptions > 0 && expiresWithin(row.instant.expiresAt, now, INSTANT_EXPIRING_MS) ? 1 : 0),
    instantFailing: counts.instantFailing + (row.instant.error ? 1 : 0),
  };
}

function expiresWithin(iso: string, now: number, ms: number): boolean {
  const at = Date.parse(iso);
  return Number.isFinite(at) && at - now < ms;
}
