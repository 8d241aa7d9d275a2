import { randomUUID } from 'node:crypto';
import type { Mailbox } from './mailbox';

/** A change a subscription can ask for (Outlook contacts support these three). */
export type ChangeType = 'created' | 'updated' | 'deleted';

/** A lifecycle event Graph posts to a subscription's `lifecycleNotificationUrl`. */
export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

/** What happened to one subscription's notifications (the simulator-wide totals are in the dispatcher). */
export interface NotificationCounts {
  /** Change notifications accepted for delivery (not the dropped ones). */
  queued: number;
  /** Change notifications in a POST the endpoint answered 2xx within 3 s. */
  delivered: number;
  /** POSTs that failed (non-2xx, refused, timed out); each retry that fails counts again. */
  failedAttempts: number;
  /** Change notifications given up on after the last retry (or cancelled by a server stop). */
  discarded: number;
  /** Change notifications never sent (the `dropNotificationRate` knob). */
  dropped: number;
  /** Lifecycle notifications posted (answered or not). */
  lifecycleSent: number;
}

/** A subscription as the simulator keeps it. */
export interface SimSubscription {
  readonly id: string;
  readonly mailbox: Mailbox;
  /** The resource as the caller wrote it. */
  readonly resource: string;
  /** The one folder it watches (`me/contacts` = the default Contacts folder, as in Graph). */
  readonly folderId: string;
  readonly changeTypes: readonly ChangeType[];
  readonly notificationUrl: string;
  readonly lifecycleNotificationUrl: string | null;
  readonly clientState: string | null;
  /** Epoch milliseconds; at or after it the subscription is gone. */
  expirationMs: number;
  /** Set by a `reauthorizationRequired` lifecycle event, cleared by reauthorize or a PATCH. */
  reauthorizationRequired: boolean;
  readonly counts: NotificationCounts;
}

/** What a new subscription is made of (the store adds id, flags and counts). */
export type NewSubscription = Omit<SimSubscription, 'id' | 'reauthorizationRequired' | 'counts'>;

/** Graph's cap on Outlook subscriptions per mailbox (all applications together). */
export const MAX_SUBSCRIPTIONS_PER_MAILBOX = 1000;

/**
 * Every live subscription, indexed by mailbox so that a contact change finds its subscriptions with one
 * lookup (the listener runs on every change, seeding included). Expired ones are removed when met, as
 * Graph deletes them.
 */
export class SubscriptionStore {
  private readonly byId = new Map<string, SimSubscription>();
  private readonly byMailbox = new Map<Mailbox, Set<SimSubscription>>();

  add(fields: NewSubscription): SimSubscription {
    const subscription: SimSubscription = { ...fields, id: randomUUID(), reauthorizationRequired: false, counts: emptyCounts() };
    this.byId.set(subscription.id, subscription);
    const set = this.byMailbox.get(fields.mailbox) ?? new Set();
    set.add(subscription);
    this.byMailbox.set(fields.mailbox, set);
    return subscription;
  }

  /** A live subscription by id (`undefined` when unknown or expired). */
  find(id: string, now = Date.now()): SimSubscription | undefined {
    const subscription = this.byId.get(id);
    if (subscription && subscription.expirationMs <= now) {
      this.delete(id);
      return undefined;
    }
    return subscription;
  }

  /** Live subscriptions, of one mailbox or all. */
  list(mailbox?: Mailbox, now = Date.now()): SimSubscription[] {
    const source = mailbox ? this.byMailbox.get(mailbox) ?? [] : this.byId.values();
    return [...source].filter((subscription) => this.find(subscription.id, now) !== undefined);
  }

  /** The live subscriptions of a mailbox, for the change listener: no copy when there are none. */
  watching(mailbox: Mailbox): readonly SimSubscription[] {
    const set = this.byMailbox.get(mailbox);
    return set && set.size > 0 ? this.list(mailbox) : [];
  }

  delete(id: string): boolean {
    const subscription = this.byId.get(id);
    if (!subscription) return false;
    this.byId.delete(id);
    this.byMailbox.get(subscription.mailbox)?.delete(subscription);
    return true;
  }

  /** Removes a mailbox's subscriptions (it was deleted or re-created). */
  deleteMailbox(mailbox: Mailbox): void {
    for (const subscription of this.byMailbox.get(mailbox) ?? []) this.byId.delete(subscription.id);
    this.byMailbox.delete(mailbox);
  }

  clear(): void {
    this.byId.clear();
    this.byMailbox.clear();
  }
}

export function emptyCounts(): NotificationCounts {
  return { queued: 0, delivered: 0, failedAttempts: 0, discarded: 0, dropped: 0, lifecycleSent: 0 };
}
