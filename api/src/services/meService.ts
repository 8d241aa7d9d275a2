import { DEFAULT_POLICY, type TenantSettingsStore } from '../admin/tenantSettings';
import type { MailboxRef } from '../contacts/contactModel';
import type { CallerIdentity } from '../identity';
import { summaryOf } from '../storage/lastSyncSummary';
import type { SyncHistoryRepository } from '../storage/syncHistoryRepository';
import type { UserRowStore } from '../storage/userRowStore';
import { APP_ROLES, mailboxOf, maySync } from './permissions';
import { type LastSyncView, lastSyncView } from './userSyncView';

/** The user's sync schedule as `GET /api/me` shows it (filled by the schedule module). */
export interface ScheduleView {
  kind: 'off' | 'hourly' | 'everyHours' | 'daily';
  everyHours?: number;
  /** `HH:MM` in `timeZone`. */
  dailyAt?: string;
  timeZone?: string;
  nextRunAt?: string;
}

/** The port through which the schedule module tells `GET /api/me` the user's schedule (undefined: none). */
export interface ScheduleReader {
  read(mailbox: MailboxRef): Promise<ScheduleView | undefined>;
}

/** `GET /api/me`: who the caller is and where their Outlook connection stands. */
export interface MeView {
  tenantId: string;
  userId: string;
  displayName: string;
  isAdmin: boolean;
  /**
   * The company's Outlook integration is set up and enabled. Until then only an admin has something to do
   * (the admin settings); nothing is stored for anyone.
   */
  integrationEnabled: boolean;
  /** The company's policy lets the caller start syncs. */
  maySync: boolean;
  /** A delegated grant is stored: syncs without the user (bot, schedule) can run. */
  connected: boolean;
  /** The stored grant stopped working: the user must open the app and sync once to reconnect. */
  reconnectNeeded: boolean;
  lastSync?: LastSyncView;
  schedule?: ScheduleView;
  /** The schedule kinds the company's policy lets the user choose (`off` always), so the tab offers only those. */
  allowedSchedules: string[];
  /** Instant sync watches this many of the user's contact folders (Graph subscriptions live now); absent when off. */
  instantSync?: { folders: number };
}

/** What {@link MeService} reads. */
export interface MeDeps {
  settings: Pick<TenantSettingsStore, 'getPolicy'>;
  users: Pick<UserRowStore, 'read' | 'rememberName'>;
  history(): Promise<Pick<SyncHistoryRepository, 'list'>>;
  schedules?: ScheduleReader;
  isTenantEnabled(tenantId: string): Promise<boolean>;
  now?: () => number;
}

/** The tab's first call: the caller's identity, rights, connection and last sync, from their own users row. */
export class MeService {
  constructor(private readonly deps: MeDeps) {}

  async me(caller: CallerIdentity): Promise<MeView> {
    const mailbox = mailboxOf(caller);
    const now = (this.deps.now ?? Date.now)();
    const [enabled, policy, row, schedule] = await Promise.all([
      this.deps.isTenantEnabled(caller.tenantId),
      this.deps.settings.getPolicy(caller.tenantId), this.deps.users.read(mailbox), this.deps.schedules?.read(mailbox),
    ]);
    // The health view shows names; the token's name is the current one (kept only once the company is set up).
    if (enabled && caller.name && caller.name !== row?.displayName) await this.deps.users.rememberName(mailbox, caller.name);
    const lastSync = row?.lastSync ? lastSyncView(row.lastSync, row.lastSync.updatedAt, now) : await this.fromHistory(mailbox, now);
    return {
      tenantId: caller.tenantId, userId: caller.userId, displayName: caller.name || row?.displayName || '',
      isAdmin: caller.roles.includes(APP_ROLES.admin), integrationEnabled: enabled,
      maySync: enabled && maySync(caller, policy ?? DEFAULT_POLICY),
      connected: row?.connected ?? false, reconnectNeeded: row?.reconnectNeeded ?? false,
      ...(lastSync ? { lastSync } : {}), ...(schedule ? { schedule } : {}),
      allowedSchedules: ['off', ...(policy ?? DEFAULT_POLICY).allowedSchedules.filter((kind) => kind !== 'off')],
      ...(row && row.instant.subscriptions > 0 && (policy ?? DEFAULT_POLICY).instantSync ? { instantSync: { folders: row.instant.subscriptions } } : {}),
    };
  }

  /** Users whose last sync ran before summaries were kept: the newest history row. */
  private async fromHistory(mailbox: MailboxRef, now: number): Promise<LastSyncView | undefined> {
    const [record] = await (await this.deps.history()).list(mailbox, 1);
    return record && lastSyncView(summaryOf(record), Date.parse(record.startedAt) || 0, now);
  }
}
