import { type ChangeNotificationItem, lifecycleNotification } from './notificationPayloads';
import { postOutbound } from './outboundPost';
import { SeededRandom, mixSeed } from './seededRandom';
import type { SimulatorKnobs } from './simulatorKnobs';
import { Sleeper } from './sleeper';
import { emptyCounts, type LifecycleEvent, type NotificationCounts, type SimSubscription } from './subscriptionStore';

/** Graph waits up to 3 seconds for a notification endpoint's answer. */
export const DELIVERY_TIMEOUT_MS = 3000;
/** Graph puts at most this many items in one POST (the simulator's choice; Graph does not document one). */
export const MAX_ITEMS_PER_POST = 100;

/** The knobs delivery reads (at the time of each step, so a change applies at once). */
export type DeliveryKnobs = Pick<SimulatorKnobs, 'notificationDelayMs' | 'notificationRetries' | 'notificationRetryDelayMs' | 'dropNotificationRate'>;

/**
 * Delivers change and lifecycle notifications over HTTP: items queued for a subscription within the
 * `notificationDelayMs` window go out together, failed POSTs are retried with doubling waits (Graph
 * retries for hours; the simulator compresses that), and after the last failure the items are discarded
 * and a `missed` lifecycle notification is posted. Every timer can be cancelled by {@link stop}.
 */
export class NotificationDispatcher {
  private totals = emptyCounts();
  private readonly pending = new Map<SimSubscription, ChangeNotificationItem[]>();
  private readonly tasks = new Set<Promise<void>>();
  private readonly sleeper = new Sleeper();
  private abort = new AbortController();
  private random: SeededRandom;

  constructor(private readonly knobs: () => DeliveryKnobs, seed: number) {
    this.random = new SeededRandom(mixSeed('notifications', seed));
  }

  /** Restarts the `dropNotificationRate` draws (the `seed` knob changed). */
  reseed(seed: number): void {
    this.random = new SeededRandom(mixSeed('notifications', seed));
  }

  /** Simulator-wide totals since start (a copy). */
  get counts(): NotificationCounts {
    return { ...this.totals };
  }

  /** Restarts the simulator-wide totals (each subscription keeps its own). */
  resetCounts(): void {
    this.totals = emptyCounts();
  }

  /** Aborted by {@link stop}: outbound requests made for the simulator (validation handshakes) pass it on. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Queues one change notification, or drops it on purpose (`dropNotificationRate`). */
  enqueue(subscription: SimSubscription, item: ChangeNotificationItem): void {
    if (this.random.chance(this.knobs().dropNotificationRate)) return this.bump(subscription, 'dropped', 1);
    this.bump(subscription, 'queued', 1);
    const queue = this.pending.get(subscription);
    if (queue) return void queue.push(item);
    this.pending.set(subscription, [item]);
    this.track(this.flushAfterWindow(subscription));
  }

  /** Posts a lifecycle notification once (no retries) when the subscription has a lifecycle URL; false if not. */
  sendLifecycle(subscription: SimSubscription, event: LifecycleEvent): boolean {
    const url = subscription.lifecycleNotificationUrl;
    if (!url) return false;
    this.bump(subscription, 'lifecycleSent', 1);
    const body = JSON.stringify({ value: [lifecycleNotification(subscription, event)] });
    this.track(postOutbound(url, body, 'application/json', DELIVERY_TIMEOUT_MS, this.abort.signal).then(() => undefined));
    return true;
  }

  /** Resolves when nothing is queued, waiting for a retry, or in flight. */
  async whenIdle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.all([...this.tasks]);
  }

  /**
   * Cancels every window, retry wait and POST in flight (their items count as discarded). Later changes
   * are delivered again: a simulator can be served by a new HTTP server.
   */
  stop(): void {
    this.abort.abort();
    this.abort = new AbortController();
    this.sleeper.cancelAll();
    for (const [subscription, items] of this.pending) this.bump(subscription, 'discarded', items.length);
    this.pending.clear();
  }

  private async flushAfterWindow(subscription: SimSubscription): Promise<void> {
    if (!(await this.sleeper.sleep(this.knobs().notificationDelayMs))) return;
    const items = this.pending.get(subscription) ?? [];
    this.pending.delete(subscription);
    for (let start = 0; start < items.length; start += MAX_ITEMS_PER_POST) {
      this.track(this.deliver(subscription, items.slice(start, start + MAX_ITEMS_PER_POST)));
    }
  }

  private async deliver(subscription: SimSubscription, items: ChangeNotificationItem[]): Promise<void> {
    const { signal } = this.abort;
    const body = JSON.stringify({ value: items });
    for (let attempt = 0; ; attempt += 1) {
      const answer = await postOutbound(subscription.notificationUrl, body, 'application/json', DELIVERY_TIMEOUT_MS, signal);
      if (answer.status >= 200 && answer.status < 300) return this.bump(subscription, 'delivered', items.length);
      this.bump(subscription, 'failedAttempts', 1);
      const { notificationRetries, notificationRetryDelayMs } = this.knobs();
      if (signal.aborted || attempt >= notificationRetries) break;
      if (!(await this.sleeper.sleep(notificationRetryDelayMs * 2 ** attempt))) break;
    }
    this.bump(subscription, 'discarded', items.length);
    if (!signal.aborted) this.sendLifecycle(subscription, 'missed');
  }

  private track(task: Promise<void>): void {
    // Tasks never reject (posts resolve with status 0 on failure); the catch only keeps that promise.
    const settled = task.catch(() => undefined).finally(() => this.tasks.delete(settled));
    this.tasks.add(settled);
  }

  private bump(subscription: SimSubscription, key: keyof NotificationCounts, n: number): void {
    this.totals[key] += n;
    subscription.counts[key] += n;
  }
}
