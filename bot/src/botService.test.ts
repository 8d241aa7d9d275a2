import type { SyncCommandsPort, SyncStartOutcome, SyncStatusSummary } from './botPorts';
import { BotService } from './botService';
import type { IncomingTurn, OutgoingMessage } from './botTransport';
import { MemoryConversationStore, type StoredConversation } from './conversationStore';

const USER = { tenantId: 't', userId: 'u' };
const TAB = 'https://teams.microsoft.com/l/entity/app/contacts';
const zero = { new: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0 };

function conversation(serviceUrl = 'https://smba.example/'): StoredConversation {
  return { reference: JSON.stringify({ serviceUrl }), conversationId: 'a:1', serviceUrl, state: 'active' };
}

function setup(start: SyncStartOutcome = { kind: 'started', syncId: 's1' }, status: Partial<SyncStatusSummary> = {}) {
  const store = new MemoryConversationStore();
  const started: unknown[] = [];
  const commands: SyncCommandsPort = {
    startSync: (user) => { started.push(user); return Promise.resolve(start); },
    status: () => Promise.resolve({ state: 'none', counts: zero, startedAt: null, endedAt: null, error: null, ...status }),
  };
  const bot = new BotService({ commands, conversations: store, tabUrl: TAB });
  const replies: OutgoingMessage[] = [];
  const turn = (kind: IncomingTurn['kind'], text?: string, conv = conversation()): IncomingTurn => ({
    kind, text, user: USER, conversation: conv, reply: (message) => { replies.push(message); return Promise.resolve(); },
  });
  return { store, bot, replies, turn, started };
}

const headingOf = (message: OutgoingMessage | undefined) => (message && 'card' in message ? message.card.body[0] : undefined);

describe('BotService', () => {
  it('keeps one reference for installation events in any order, refreshed by a message', async () => {
    const { store, bot, turn, replies } = setup();
    await bot.handle(turn('installed'));
    await bot.handle(turn('installed'));
    expect([...store.conversations.values()]).toEqual([conversation()]);
    await bot.handle(turn('message', 'help', conversation('https://smba.moved/')));
    expect([...store.conversations.values()]).toEqual([conversation('https://smba.moved/')]);
    expect(replies).toHaveLength(1);
  });

  it('lifts a pause when the user writes, and forgets the reference on uninstall', async () => {
    const { store, bot, turn } = setup();
    await bot.handle(turn('installed'));
    await store.pause(USER);
    await bot.handle(turn('message', 'help'));
    expect((await store.get(USER))?.state).toBe('active');
    await bot.handle(turn('uninstalled'));
    expect(await store.get(USER)).toBeUndefined();
  });

  it.each<[string, SyncStartOutcome, Partial<SyncStatusSummary>, string]>([
    ['started', { kind: 'started', syncId: 's' }, {}, 'Syncing your Outlook contacts'],
    ['no consent', { kind: 'connect' }, {}, 'Connect your Outlook contacts first'],
    ['running', { kind: 'running' }, { state: 'running' }, 'Your contact sync is running'],
    ['queued', { kind: 'running' }, { state: 'queued' }, 'Your contact sync is about to start'],
  ])('sync contacts (%s) → %s', async (_what, start, status, heading) => {
    const { bot, turn, replies, started } = setup(start, status);
    await bot.handle(turn('message', 'sync contacts'));
    expect(started).toEqual([USER]);
    expect(headingOf(replies[0])).toMatchObject({ text: heading });
  });

  it.each<[Partial<SyncStatusSummary>, string]>([
    [{ state: 'none' }, 'No sync yet. Type **sync contacts** to start one.'],
    [{ state: 'completed', counts: { ...zero, new: 2, unchanged: 1 }, startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-01-01T00:01:05Z' }, '3 contacts synced'],
    [{ state: 'failed', error: { code: 'throttled', message: 'Outlook is busy.' } }, 'Your contact sync failed'],
  ])('sync status %j → %s', async (status, heading) => {
    const { bot, turn, replies } = setup(undefined, status);
    await bot.handle(turn('message', 'sync status'));
    expect(headingOf(replies[0])).toMatchObject({ text: heading });
  });

  it('answers anything else with the short help, and ignores a turn without a user', async () => {
    const { bot, turn, replies, store } = setup();
    await bot.handle(turn('message', 'what?'));
    expect(replies[0]).toEqual({ text: expect.stringMatching(/^Sorry, I did not get that\./) });
    await bot.handle({ ...turn('installed'), user: undefined });
    expect(store.conversations.size).toBe(1);
  });
});
