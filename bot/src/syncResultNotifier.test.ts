import type { OutgoingMessage } from './botTransport';
import { MemoryConversationStore, type StoredConversation } from './conversationStore';
import { ConnectorError, type ConnectorFailure, MAX_SEND_ATTEMPTS } from './deliveryRules';
import { DeliveryPostponedError, SyncResultNotifier, type SyncResultNotice } from './syncResultNotifier';

const USER = { tenantId: 't', userId: 'u' };
const CONVERSATION: StoredConversation = { reference: '{}', conversationId: 'a:1', serviceUrl: 'https://smba.example/', state: 'active' };
const COMPLETED: SyncResultNotice = {
  ...USER, syncId: 's1', outcome: 'completed', at: '2026-12-01T10:00:00Z', durationMs: 4200,
  counts: { new: 3, updated: 1, deleted: 0, unchanged: 5, skipped: 1 },
};

/** A transport that refuses with `failures` in turn, then delivers. */
function setup(failures: ConnectorFailure[], conversation: StoredConversation | null = CONVERSATION) {
  const store = new MemoryConversationStore();
  if (conversation) store.conversations.set('t|u', conversation);
  const sent: OutgoingMessage[] = [];
  const slept: number[] = [];
  let attempts = 0;
  const notifier = new SyncResultNotifier({
    conversations: store, tabUrl: 'https://teams.microsoft.com/l/entity/app/contacts', now: () => 0,
    sleep: (ms) => { slept.push(ms); return Promise.resolve(); },
    transport: {
      send: (_conversation, message) => {
        const failure = failures[attempts++];
        if (failure) return Promise.reject(new ConnectorError(failure));
        sent.push(message);
        return Promise.resolve();
      },
    },
  });
  return { store, sent, slept, notifier, attempts: () => attempts };
}

describe('SyncResultNotifier', () => {
  it('posts "N contacts synced" with each outcome and the duration, and records the delivery', async () => {
    const { notifier, sent, store } = setup([]);
    expect(await notifier.notify(COMPLETED)).toBe('delivered');
    const card = (sent[0] as { card: { body: Array<{ text?: string; facts?: unknown }> } }).card;
    expect(card.body[0]?.text).toBe('10 contacts synced');
    expect(card.body[1]?.facts).toEqual([
      { title: 'New', value: '3' }, { title: 'Updated', value: '1' }, { title: 'Deleted', value: '0' },
      { title: 'Unchanged', value: '5' }, { title: 'Skipped', value: '1' }, { title: 'Duration', value: '4 s' },
    ]);
    expect(store.deliveries.get('t|u')).toEqual({ syncId: 's1', outcome: 'delivered', at: new Date(0).toISOString(), code: undefined });
  });

  it('waits Retry-After, then backs off on 503, and delivers', async () => {
    const { notifier, slept, attempts } = setup([{ status: 429, retryAfterMs: 2000 }, { status: 503 }]);
    expect(await notifier.notify(COMPLETED)).toBe('delivered');
    expect(slept).toEqual([2000, 2000]);
    expect(attempts()).toBe(3);
  });

  it('hands a card still refused after the last attempt back to the queue, with the outcome recorded', async () => {
    const { notifier, store, attempts } = setup(Array.from({ length: MAX_SEND_ATTEMPTS }, () => ({ status: 502 })));
    await expect(notifier.notify(COMPLETED)).rejects.toBeInstanceOf(DeliveryPostponedError);
    expect(attempts()).toBe(MAX_SEND_ATTEMPTS);
    expect(store.deliveries.get('t|u')).toMatchObject({ outcome: 'failed', code: 'http_502' });
  });

  it.each([
    ['no conversation stored', null, 'no_conversation'],
    ['a paused conversation', { ...CONVERSATION, state: 'paused' as const }, 'paused'],
  ])('sends nothing for %s', async (_what, conversation, outcome) => {
    const { notifier, sent, store } = setup([], conversation);
    expect(await notifier.notify(COMPLETED)).toBe(outcome);
    expect(sent).toEqual([]);
    expect(store.deliveries.get('t|u')?.outcome).toBe(outcome);
  });

  it.each([
    ['failed', { outcome: 'failed' as const, error: { code: 'throttled', message: 'Outlook is busy.' } }, 'Your contact sync failed'],
    ['reconnect_needed', { outcome: 'reconnect_needed' as const, syncId: undefined }, 'Connect your Outlook contacts first'],
  ])('a %s result posts its own card', async (_what, patch, heading) => {
    const { notifier, sent } = setup([]);
    await notifier.notify({ ...COMPLETED, ...patch });
    expect((sent[0] as { card: { body: Array<{ text?: string }> } }).card.body[0]?.text).toBe(heading);
  });
});
