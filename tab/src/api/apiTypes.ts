/**
 * The shapes of the API's answers, as the tab reads them (api/src/services and docs of CONTRACTS.md).
 * Kept separate from the API's own types: the tab is built and deployed on its own.
 */

/** What a sync did, by outcome. */
export interface SyncCounts {
  new: number;
  updated: number;
  deleted: number;
  unchanged: number;
  skipped: number;
}

/** Who started a sync: `tab`, `bot`, `schedule`, `cli` today; a newer API may add more. */
export type SyncTrigger = string;

/** `GET /api/sync/status`. */
export interface SyncStatus {
  syncId: string | null;
  state: 'queued' | 'running' | 'completed' | 'failed' | 'none';
  trigger: SyncTrigger | null;
  full: boolean | null;
  startedAt: string | null;
  endedAt: string | null;
  pagesDone: number;
  contactsProcessed: number;
  /** Contacts stored so far (new, updated, unchanged). */
  contactsStored: number;
  /** The folders being read while the sync runs (display names); empty otherwise. */
  readingFolders: string[];
  counts: SyncCounts;
  problems: Array<{ code: string; message: string; contactId?: string }>;
  error: { code: string; message: string } | null;
}

/** One row of `GET /api/sync/history`. */
export interface SyncHistoryEntry extends Omit<SyncStatus, 'pagesDone' | 'state' | 'contactsStored' | 'readingFolders'> {
  state: 'running' | 'completed' | 'failed';
  resumes: number;
}

/**
 * A contact as the phonebook lists it (`GET /api/contacts`, the API's `PhonebookItem`): a stored contact, the
 * same person's other contacts merged in as `sources` (search results only), and its channel bindings.
 */
export interface Contact {
  id: string;
  /** The Graph id of the Outlook folder. */
  folderId: string;
  /** The Outlook folder's display name as the last sync stored it; '' when the API does not know it. */
  folderName: string;
  firstName: string;
  lastName: string;
  companyName: string;
  phone: string;
  phoneE164: string;
  /** A phone is there but cannot be read as a number. */
  phoneInvalid: boolean;
  email: string;
  deletedAtSource: boolean;
  deletedAtSourceAt: string;
  lastChangedAt: string;
  /** The stored contacts that are this person (same E.164 number or email): this one first. */
  sources: Array<{ folderId: string; folderName: string; contactId: string }>;
  /** The phone is used by a messaging channel (`PUT /api/contacts/{id}/bindings`): a sync never overwrites it. */
  phoneBound: boolean;
  /** The email is used by a messaging channel: a sync never overwrites it. */
  emailBound: boolean;
}

/** Contacts that look like one person: the same E.164 number (`phone`) or email address (`email`). */
export interface DuplicateGroup {
  kind: 'phone' | 'email';
  /** The shared E.164 number, or the shared address in lower case. */
  value: string;
  /** The first ten contacts that share it. */
  contacts: Contact[];
  /** How many contacts share it (more than `contacts` for a shared mailbox or switchboard number). */
  total: number;
}

/** `GET /api/contacts/duplicates?top=`. */
export interface Duplicates {
  duplicates: DuplicateGroup[];
}

/** One page of contacts. */
export interface ContactPage {
  contacts: Contact[];
  more: boolean;
}

/** How often scheduled syncs run. */
export type ScheduleKind = 'off' | 'hourly' | 'everyHours' | 'daily';

/** A user's own schedule (SCHED): `GET /api/me`'s `schedule`, and `PUT /api/me/schedule`'s answer. */
export interface Schedule {
  kind: ScheduleKind;
  /** 2–12, for `everyHours`. */
  everyHours?: number;
  /** `HH:MM` in `timeZone`, for `daily`. */
  dailyAt?: string;
  /** IANA time zone, for `daily`. */
  timeZone?: string;
  /** ISO time of the next run; absent when off or while scheduled runs wait for a reconnect. */
  nextRunAt?: string;
  /** Scheduled runs wait until the user connects Outlook again. */
  reconnectNeeded?: boolean;
}

/** What the user asks `PUT /api/me/schedule` for. */
export type ScheduleChoice = Pick<Schedule, 'kind' | 'everyHours' | 'dailyAt' | 'timeZone'>;

/** `GET /api/me` (TABAPI). */
export interface Me {
  tenantId: string;
  userId: string;
  displayName: string;
  isAdmin: boolean;
  /** The company's Outlook integration is set up and enabled (absent from servers that predate it: assume so). */
  integrationEnabled?: boolean;
  maySync: boolean;
  connected: boolean;
  reconnectNeeded: boolean;
  lastSync?: { syncId: string; state: 'running' | 'completed' | 'failed'; endedAt: string; counts: SyncCounts; errorCode?: string };
  schedule?: Schedule;
  /** The schedule kinds the company's policy allows (`off` always); absent from servers that predate it. */
  allowedSchedules?: string[];
  /** Instant sync is on: Graph notifies changes in this many of the user's contact folders. */
  instantSync?: { folders: number };
}

/** `GET/PUT /api/org/integration`. */
export interface Integration {
  name: string;
  clientId: string;
  tenantId: string;
  enabled: boolean;
  updatedAt?: string;
}

/** `GET/PUT /api/org/policy`. */
export interface Policy {
  whoMaySync: 'everyone' | 'role';
  allowedSchedules: string[];
  /** Instant sync (Graph change notifications); absent from servers that predate it. */
  instantSync?: boolean;
}

/** `GET /api/org/health` (TABAPI). */
export interface OrgHealth {
  counts: {
    users: number; syncedLast24h: number; failing: number; reconnectNeeded: number; throttled: number; running: number;
    /** Instant sync: users on it, whose subscriptions expire within a day, whose last renewal failed (absent from older servers). */
    instantSync?: number; instantExpiringSoon?: number; instantFailing?: number;
  };
  users: Array<{
    userId: string; displayName: string; lastSyncAt: string | null; state: string; errorCode?: string; reconnectNeeded: boolean;
    instant?: { subscriptions: number; expiresAt: string; errorCode?: string };
  }>;
  continuationToken?: string;
}

/** One contact's changes in a sync (BOOK). */
export interface ContactChange {
  contactId: string;
  displayName: string;
  /** `unchanged`: only kept values to report (a change in Outlook the rules did not take). */
  outcome: 'new' | 'updated' | 'deleted' | 'unchanged';
  fields: Array<{ field: string; old: string | null; new: string | null; kept?: 'empty_value' | 'channel_bound' | 'merge_strategy' }>;
}

/** `GET /api/sync/history/{syncId}/changes`. */
export interface ChangePage {
  changes: ContactChange[];
  continuationToken?: string;
}

/** One contact a sync could not store (`GET /api/sync/history/{syncId}/skipped`). */
export interface SkippedContact {
  contactId: string;
  contactIdCut: boolean;
  displayName: string;
  /** `malformed_contact`, `contact_unstorable` or `contact_refused`. */
  code: string;
  message: string;
  folderId: string;
}

/** `GET /api/sync/history/{syncId}/skipped`. */
export interface SkippedPage {
  skipped: SkippedContact[];
  continuationToken?: string;
}

/** `DELETE /api/me/connection`. */
export interface DisconnectResult {
  disconnected: true;
  erased: { contacts: number; rows: number };
}
