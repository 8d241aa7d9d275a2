import { createHash, randomBytes } from 'node:crypto';
import type { GraphError } from '@microsoft/microsoft-graph-client';
import type { MailboxRef } from '../contacts/contactModel';
import { toAppError } from '../errors/appError';
import { MAX_SUBSCRIPTION_MINUTES, type SubscriptionApi } from './graphSubscriptions';
import type { InstantState } from './instantState';
import type { StoredSubscription, SubscriptionStore } from './subscriptionStore';

/** A mailbox's subscriptions are renewed this often (the timer's entry), far inside their 70-hour life. */
export const RENEW_EVERY_MS = 24 * 3_600_000;
/** Asked-for lifetime: Graph's 4230-minute maximum less half an hour, so clock skew never makes it too long. */
export const SUBSCRIPTION_LIFETIME_MS = (MAX_SUBSCRIPTION_MINUTES - 30) * 60_000;
/** Graph allows 1000 subscriptions per mailbox for all apps together: ours stay a small share of that. */
export const MAX_FOLDERS_SUBSCRIBED = 100;

/** What {@link SubscriptionKeeper} needs. */
export interface SubscriptionKeeperDeps {
  store: () => Promise<Pick<SubscriptionStore, 'save' | 'listFor' | 'remove' | 'planRenewal' | 'deleteRenewal'>>;
  /**
   * Graph's subscription API signed with the mailbox's stored delegated grant; the token is asked for first, so
   * a grant Entra refuses is `reconnect_needed` here, not a failed request.
   */
  api(mailbox: MailboxRef): Promise<SubscriptionApi>;
  /** Whether the tenant's policy turns instant sync on (and the deployment has a notification URL). */
  instantAllowed(tenantId: string): Promise<boolean>;
  /** `NOTIFICATION_URL`: where Graph posts (this app's `/api/notifications`); undefined: instant sync is off. */
  notificationUrl?: string;
  /** The contact folders the last sync stored, by id. */
  folderIds(mailbox: MailboxRef): Promise<string[]>;
  state: Pick<InstantState, 'read' | 'write'>;
  now?: () => number;
}

/** How keeping a mailbox's subscriptions ended. */
export type KeepOutcome = 'kept' | 'off' | 'reconnect_needed' | 'failed';

/**
 * Keeps one Graph subscription per contact folder of a mailbox on instant sync: created after a sync (for
 * the folders that sync found), renewed by the timer every day from the stored delegated grant, recreated
 * when Graph removed one, and deleted when the folder goes, the policy turns instant sync off, or the user
 * disconnects. Its state (count, earliest expiry, last error) is on the users row for the health view.
 */
export class SubscriptionKeeper {
  constructor(private readonly deps: SubscriptionKeeperDeps) {}

  /** After a completed sync: one live subscription per folder, renewed when a day is left; the next renewal planned. */
  async ensure(mailbox: MailboxRef): Promise<KeepOutcome> {
    return this.keep(mailbox, false);
  }

  /** The timer's renewal (or Graph's `reauthorizationRequired`): every subscription renewed now. */
  async renew(mailbox: MailboxRef): Promise<KeepOutcome> {
    return this.keep(mailbox, true);
  }

  /** Graph removed one (`subscriptionRemoved`): forget it and create the folder's subscription again. */
  async recreate(mailbox: MailboxRef, subscriptionId: string): Promise<KeepOutcome> {
    await (await this.deps.store()).remove({ id: subscriptionId, mailbox });
    return this.keep(mailbox, false);
  }

  /**
   * Deletes the mailbox's subscriptions, at Graph when `atGraph` (a disconnect, the policy turned off; best
   * effort: Graph drops what it cannot reach with the grant anyway), and their rows.
   */
  async drop(mailbox: MailboxRef, reason: string, atGraph = true): Promise<number> {
    const store = await this.deps.store();
    const subscriptions = await store.listFor(mailbox);
    const api = atGraph ? await this.deps.api(mailbox).catch(() => undefined) : undefined;
    for (const subscription of subscriptions) {
      if (api) await api.remove(subscription.id).catch(() => undefined);
      await store.remove(subscription);
    }
    const state = await this.deps.state.read(mailbox);
    if (state.renewBucket) await store.deleteRenewal(state.renewBucket, mailbox);
    await this.deps.state.write(mailbox, { subscriptions: 0, expiresAt: '', renewBucket: '', error: reason === 'off' ? '' : reason });
    return subscriptions.length;
  }

  private async keep(mailbox: MailboxRef, renewAll: boolean): Promise<KeepOutcome> {
    if (!this.deps.notificationUrl || !(await this.deps.instantAllowed(mailbox.tenantId))) {
      const state = await this.deps.state.read(mailbox);
      if (state.subscriptions > 0 || state.renewBucket) await this.drop(mailbox, 'off');
      return 'off';
    }
    try {
      const kept = await this.reconcile(mailbox, renewAll);
      await this.planNext(mailbox, kept, '');
      return 'kept';
    } catch (error) {
      const code = toAppError(error).code;
      if (code === 'reconnect_needed' || code === 'consent_required') {
        // Graph drops subscriptions it can no longer authorise; ours go too, so nothing waits for them.
        await this.drop(mailbox, 'reconnect_needed', false);
        return 'reconnect_needed';
      }
      const kept = await (await this.deps.store()).listFor(mailbox);
      await this.planNext(mailbox, kept, code);
      return 'failed';
    }
  }

  private async reconcile(mailbox: MailboxRef, renewAll: boolean): Promise<StoredSubscription[]> {
    const store = await this.deps.store();
    const api = await this.deps.api(mailbox);
    const folders = (await this.deps.folderIds(mailbox)).slice(0, MAX_FOLDERS_SUBSCRIBED);
    const now = this.now();
    const expiresAt = new Date(now + SUBSCRIPTION_LIFETIME_MS);
    const kept: StoredSubscription[] = [];
    for (const subscription of await store.listFor(mailbox)) {
      if (!folders.includes(subscription.folderId) || kept.some((other) => other.folderId === subscription.folderId)) {
        await api.remove(subscription.id);
        await store.remove(subscription);
        continue;
      }
      const due = renewAll || Date.parse(subscription.expiresAt) - now < RENEW_EVERY_MS * 2;
      const renewed = due ? await api.renew(subscription.id, expiresAt) : subscription.expiresAt;
      if (renewed === undefined) {
        await store.remove(subscription);
        continue;
      }
      const current = { ...subscription, expiresAt: renewed };
      if (due) await store.save(current);
      kept.push(current);
    }
    for (const folderId of folders) {
      if (kept.some((subscription) => subscription.folderId === folderId)) continue;
      const created = await this.create(api, mailbox, folderId, expiresAt);
      if (created) kept.push(created);
    }
    return kept;
  }

  private async create(api: SubscriptionApi, mailbox: MailboxRef, folderId: string, expiresAt: Date): Promise<StoredSubscription | undefined> {
    const clientState = randomBytes(32).toString('base64url');
    let created;
    try {
      created = await api.create({ folderId, notificationUrl: this.deps.notificationUrl ?? '', clientState, expiresAt });
    } catch (error) {
      // The folder went since the sync listed it: the next sync finds the tree without it.
      if ((error as Partial<GraphError>).statusCode === 404) return undefined;
      throw error;
    }
    const stored: StoredSubscription = { id: created.id, mailbox, folderId, clientStateHash: clientStateHash(clientState), expiresAt: created.expiresAt };
    await (await this.deps.store()).save(stored);
    return stored;
  }

  private async planNext(mailbox: MailboxRef, kept: StoredSubscription[], error: string): Promise<void> {
    const store = await this.deps.store();
    const previous = (await this.deps.state.read(mailbox)).renewBucket;
    // A failed renewal is tried again by the next timer run within the hour; a kept one a day later.
    const at = new Date(this.now() + (error ? 3_600_000 : RENEW_EVERY_MS));
    const bucket = await store.planRenewal(mailbox, at);
    if (previous && previous !== bucket) await store.deleteRenewal(previous, mailbox);
    const earliest = kept.map((subscription) => subscription.expiresAt).sort()[0] ?? '';
    await this.deps.state.write(mailbox, { subscriptions: kept.length, expiresAt: earliest, renewBucket: bucket, error });
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

/** What is stored of a clientState: its SHA-256, compared in constant time with the hash of what arrives. */
export function clientStateHash(clientState: string): string {
  return createHash('sha256').update(clientState, 'utf8').digest('base64url');
}
