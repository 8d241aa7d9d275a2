import type { BotTransport, OutgoingMessage } from './botTransport';
import { type CardCounts, connectCard, syncCompletedCard, syncFailedCard, totalOf } from './cards';
import { ConversationRateLimit } from './conversationRateLimit';
import type { BotUser, ConversationStore, DeliveryOutcome } from './conversationStore';
import { ConnectorError, decideDelivery } from './deliveryRules';

/** A finished sync (or a refused background start), as the API's sync-results queue carries it. */
export interface SyncResultNotice {
  tenantId: string;
  userId: string;
  syncId?: string;
  outcome: 'completed' | 'failed' | 'reconnect_needed';
  counts?: CardCounts;
  durationMs?: number;
  error?: { code: string; message: string };
  at: string;
}

/** What {@link SyncResultNotifier} needs. */
export interface SyncResultNotifierDeps {
  transport: Pick<BotTransport, 'send'>;
  conversations: ConversationStore;
  tabUrl: string;
  rateLimit?: ConversationRateLimit;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** A card still not delivered after the retries of one invocation: the queue delivers the result again later. */
export class DeliveryPostponedError extends Error {
  constructor(readonly code: string) {
    super(`The proactive card was not delivered yet (${code}); the queue retries it`);
    this.name = 'DeliveryPostponedError';
  }
}

/**
 * Posts a sync's result into the user's chat with the bot, following the Teams delivery rules, and
 * records what became of it on the user's row. Nothing is lost when a card cannot be delivered: the result
 * stays in the sync history.
 */
export class SyncResultNotifier {
  private readonly rateLimit: ConversationRateLimit;

  constructor(private readonly deps: SyncResultNotifierDeps) {
    this.rateLimit = deps.rateLimit ?? new ConversationRateLimit();
  }

  async notify(notice: SyncResultNotice): Promise<DeliveryOutcome> {
    const user: BotUser = { tenantId: notice.tenantId, userId: notice.userId };
    const conversation = await this.deps.conversations.get(user);
    if (!conversation) return this.record(user, notice, 'no_conversation');
    if (conversation.state === 'paused') return this.record(user, notice, 'paused');
    const message = this.messageFor(notice);
    for (let attempt = 1; ; attempt++) {
      await this.sleep(this.rateLimit.delayFor(conversation.conversationId, this.now()));
      try {
        await this.deps.transport.send(conversation, message);
        return await this.record(user, notice, 'delivered');
      } catch (error) {
        if (!(error instanceof ConnectorError)) throw error;
        const decision = decideDelivery(error.failure, attempt);
        if (decision.action === 'retry') {
          await this.sleep(decision.waitMs);
          continue;
        }
        if (decision.action === 'forget') await this.deps.conversations.forget(user);
        if (decision.action === 'pause') await this.deps.conversations.pause(user);
        const outcome = decision.action === 'give_up' ? 'failed' : decision.outcome;
        await this.record(user, notice, outcome, decision.code);
        if (decision.action === 'give_up' && isTransient(error.failure.status)) throw new DeliveryPostponedError(decision.code);
        return outcome;
      }
    }
  }

  private messageFor(notice: SyncResultNotice): OutgoingMessage {
    const { tabUrl } = this.deps;
    if (notice.outcome === 'completed') {
      const counts = notice.counts ?? { new: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0 };
      return { card: syncCompletedCard(counts, notice.durationMs, tabUrl), summary: `${totalOf(counts)} contacts synced` };
    }
    if (notice.outcome === 'reconnect_needed') return { card: connectCard(tabUrl), summary: 'Reconnect Outlook to keep syncing' };
    return { card: syncFailedCard(notice.error ?? { code: 'internal', message: '' }, tabUrl), summary: 'Your contact sync failed' };
  }

  private async record(user: BotUser, notice: SyncResultNotice, outcome: DeliveryOutcome, code?: string): Promise<DeliveryOutcome> {
    await this.deps.conversations.recordDelivery(user, { syncId: notice.syncId, outcome, at: new Date(this.now()).toISOString(), code });
    return outcome;
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return (this.deps.sleep ?? ((wait) => new Promise((resolve) => setTimeout(resolve, wait))))(ms);
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

function isTransient(status: number): boolean {
  return [412, 429, 502, 503, 504].includes(status);
}
