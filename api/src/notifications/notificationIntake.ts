import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { MailboxRef } from '../contacts/contactModel';
import { AppError } from '../errors/appError';
import type { NotificationJob, NotificationJobQueue } from './notificationJobQueue';
import type { StoredSubscription, SubscriptionStore } from './subscriptionStore';

/** A change seen here waits this long before its sync is queued: the rest of a burst joins it. */
export const COALESCE_DELAY_SECONDS = 2;
/** Graph batches notifications; a POST with more items than this is refused whole (nothing is queued). */
export const MAX_ITEMS_PER_POST = 1000;
/** A looked-up subscription is reused this long (a burst costs one table read). */
const LOOKUP_REUSE_MS = 30_000;

/**
 * One item of Graph's `changeNotificationCollection`, as far as it is read: the subscription id, the
 * clientState and a lifecycle event. Everything else in the body (resource, tenant, resourceData) is
 * ignored: it is not authenticated, and the sync reads what changed from Graph itself.
 */
const itemSchema = z.looseObject({
  subscriptionId: z.string().min(1).max(200),
  clientState: z.string().max(256).nullish(),
  lifecycleEvent: z.string().max(64).optional(),
});
const bodySchema = z.looseObject({ value: z.array(z.unknown()).max(MAX_ITEMS_PER_POST) });

/** What one POST did: items acted on, and items ignored (unknown subscription, wrong clientState, malformed). */
export interface IntakeReport {
  accepted: number;
  ignored: number;
  /** Syncs queued (a burst of one mailbox queues one). */
  queued: number;
}

/** What {@link NotificationIntake} needs. */
export interface NotificationIntakeDeps {
  store: () => Promise<Pick<SubscriptionStore, 'find' | 'markPending'>>;
  queue: NotificationJobQueue;
  now?: () => number;
}

/**
 * `POST /api/notifications`: checks each item against the subscription it names (its stored clientState
 * hash, compared in constant time) and queues the work. A change or a `missed` event marks the mailbox
 * pending and queues one sync job, delayed a little, unless one is queued already (the burst coalesces);
 * `reauthorizationRequired` queues a renewal, `subscriptionRemoved` a re-creation.
 */
export class NotificationIntake {
  private readonly lookups = new Map<string, { subscription: StoredSubscription | undefined; until: number }>();

  constructor(private readonly deps: NotificationIntakeDeps) {}

  async receive(body: unknown): Promise<IntakeReport> {
    const parsed = bodySchema.safeParse(body);
    if (!parsed.success) throw new AppError('invalid_request', `The body is not a change notification collection (at most ${MAX_ITEMS_PER_POST} items in "value").`);
    const report: IntakeReport = { accepted: 0, ignored: 0, queued: 0 };
    const marked = new Set<string>();
    for (const raw of parsed.data.value) {
      const item = itemSchema.safeParse(raw);
      const subscription = item.success ? await this.verified(item.data.subscriptionId, item.data.clientState ?? '') : undefined;
      if (!item.success || !subscription) {
        report.ignored += 1;
        continue;
      }
      report.accepted += 1;
      report.queued += await this.act(subscription, item.data.lifecycleEvent, marked);
    }
    return report;
  }

  private async act(subscription: StoredSubscription, lifecycleEvent: string | undefined, marked: Set<string>): Promise<number> {
    const { mailbox } = subscription;
    if (lifecycleEvent === 'reauthorizationRequired') return this.send({ kind: 'renew', ...mailbox });
    if (lifecycleEvent === 'subscriptionRemoved') {
      this.lookups.delete(subscription.id);
      return this.send({ kind: 'recreate', ...mailbox, subscriptionId: subscription.id });
    }
    // A change, `missed`, or a lifecycle event this code does not know yet: an incremental sync covers them all.
    const key = `${mailbox.tenantId}\n${mailbox.userId}`;
    if (marked.has(key)) return 0;
    marked.add(key);
    if (!(await (await this.deps.store()).markPending(mailbox, this.now()))) return 0;
    return this.send({ kind: 'sync', ...mailbox }, COALESCE_DELAY_SECONDS);
  }

  private async send(job: NotificationJob, delaySeconds?: number): Promise<number> {
    await this.deps.queue.send(job, delaySeconds ? { delaySeconds } : undefined);
    return 1;
  }

  /** The subscription, when it is ours and the clientState matches; `undefined` otherwise. */
  private async verified(id: string, clientState: string): Promise<StoredSubscription | undefined> {
    const subscription = await this.lookup(id);
    if (!subscription) return undefined;
    const expected = Buffer.from(subscription.clientStateHash, 'base64url');
    const received = createHash('sha256').update(clientState, 'utf8').digest();
    // Both are SHA-256 digests, so the lengths match and the comparison time says nothing about the secret.
    return expected.length === received.length && timingSafeEqual(expected, received) ? subscription : undefined;
  }

  private async lookup(id: string): Promise<StoredSubscription | undefined> {
    const now = this.now();
    const cached = this.lookups.get(id);
    if (cached && cached.until > now) return cached.subscription;
    const subscription = await (await this.deps.store()).find(id);
    if (this.lookups.size > 10_000) this.lookups.clear();
    // Only found ones are kept: a forged id costs a read each time, never a stale "unknown" for a new subscription.
    if (subscription) this.lookups.set(id, { subscription, until: now + LOOKUP_REUSE_MS });
    return subscription;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

/** The mailbox a job is about. */
export function jobMailbox(job: NotificationJob): MailboxRef {
  return { tenantId: job.tenantId, userId: job.userId };
}
