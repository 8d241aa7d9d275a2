import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { CONNECTOR_ERRORS, type SentActivity } from '../../../tools/src/botConnector';
import { adaptiveCardProblems } from '../../../tools/src/testing/adaptiveCardCheck';
import { ApiHarness, type ApiUser } from '../../../tools/src/testing/apiHarness';
import { teamsActivities } from '../../../tools/src/testing/teamsActivities';
import { LOCAL_TEAMS_APP_ID } from '../../../tools/src/localStack';

let api: ApiHarness;
let tenantId: string;
const TAB_LINK = `https://teams.microsoft.com/l/entity/${LOCAL_TEAMS_APP_ID}/contacts`;

beforeAll(async () => {
  api = await ApiHarness.start();
  tenantId = await api.enabledTenant();
});
afterAll(async () => { await api?.stop(); });

/** A user of the stack with the bot installed in their personal chat. */
interface ChatUser extends ApiUser {
  conversationId: string;
  activities: ReturnType<typeof teamsActivities>;
}

function chatUser(options: Parameters<ApiHarness['user']>[1] = {}): ChatUser {
  const user = api.user(tenantId, options);
  const conversationId = `a:${randomUUID()}`;
  return { ...user, conversationId, activities: teamsActivities(api.botConnector.url, { ...user, conversationId }) };
}

/** Ids of the activities the tests posted: a reply names one, a proactive message does not. */
const posted = new Set<string>();
const isReply = (sent: SentActivity | undefined) => posted.has(sent?.replyToId ?? '');

async function post(activity: Record<string, unknown>): Promise<number> {
  posted.add(String(activity.id));
  return (await api.call('POST', '/api/messages', undefined, activity)).status;
}

async function install(user: ChatUser): Promise<void> {
  expect(await post(user.activities.installationAdd())).toBe(200);
}

/** The user opens the tab and syncs once: the API stores their delegated grant (what the bot's syncs run on). */
async function connectInTab(user: ChatUser): Promise<void> {
  expect((await api.as(user, 'POST', '/api/sync')).status).toBe(202);
  await api.drain();
  await api.botConnector.waitForSent(user.conversationId, 1);
}

function sentTo(user: ChatUser): SentActivity[] {
  return api.botConnector.sent.filter((sent) => sent.conversationId === user.conversationId);
}

/** The Adaptive Card of a sent activity. */
interface SentCard {
  body: Array<{ type: string; text?: string; facts?: Array<{ title: string; value: string }> }>;
  actions: Array<Record<string, unknown>>;
}

function cardOf(sent: SentActivity | undefined): SentCard {
  const attachment = sent?.activity.attachments?.[0];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachment.content as SentCard;
}

function factsOf(sent: SentActivity | undefined): Record<string, string> {
  const factSet = cardOf(sent).body.find((element) => element.type === 'FactSet');
  return Object.fromEntries((factSet?.facts ?? []).map((fact) => [fact.title, fact.value]));
}

async function usersRow(user: ApiUser): Promise<Record<string, unknown>> {
  const table = TableClient.fromConnectionString(api.azurite.connectionString, `${api.tablePrefix}users`, { allowInsecureConnection: true });
  return table.getEntity(user.tenantId, user.userId);
}

describe('conversation references', () => {
  it('are saved once for installation events that arrive twice, in any order, and refreshed by every message', async () => {
    const user = chatUser();
    expect(await post(user.activities.membersAdded())).toBe(200);
    await install(user);
    expect(await post(user.activities.membersAdded())).toBe(200);
    const row = await usersRow(user);
    expect(row).toMatchObject({ botConversationId: user.conversationId, botConversationState: 'active', botServiceUrl: api.botConnector.url });
    expect(JSON.parse(String(row.botConversationReference))).toMatchObject({ conversation: { id: user.conversationId } });

    // Teams moved the chat to another service URL (same stand-in, another name): the next message stores it.
    const movedUrl = api.botConnector.url.replace('127.0.0.1', 'localhost');
    expect(await post({ ...user.activities.message('help'), serviceUrl: movedUrl })).toBe(200);
    expect(await usersRow(user)).toMatchObject({ botServiceUrl: movedUrl });
    expect(sentTo(user)).toHaveLength(1);
    expect(sentTo(user)[0]?.activity.text).toMatch(/sync contacts/);
  });
});

describe('commands', () => {
  it.each([['Sync   CONTACTS'], ['<at>Contact Sync</at> sync contacts']])('%j starts a sync; its card counts what the stored contacts went through', async (text) => {
    const user = chatUser();
    await install(user);
    await connectInTab(user);
    user.mailbox.seed({ contacts: 7, seed: 8 });
    expect(await post(user.activities.message(text))).toBe(200);
    expect(isReply(sentTo(user)[1])).toBe(true);
    expect(cardOf(sentTo(user)[1]).body[0]?.text).toBe('Syncing your Outlook contacts');
    await api.drain();
    const stored = (await api.as(user, 'GET', '/api/contacts?top=100')).body.contacts as unknown[];
    expect(stored).toHaveLength(7);
    const done = (await api.botConnector.waitForSent(user.conversationId, 3))[2];
    expect(isReply(done)).toBe(false);
    expect(cardOf(done).body[0]?.text).toBe('7 contacts synced');
    expect(factsOf(done)).toMatchObject({ New: '7', Updated: '0', Deleted: '0', Unchanged: '0', Skipped: '0' });

    const [changed, deleted] = user.mailbox.listContacts();
    user.mailbox.updateContact(changed!.id, { mobilePhone: '+44 7700 900456' });
    user.mailbox.deleteContact(deleted!.id);
    user.mailbox.addContact(user.mailbox.defaultFolderId, { givenName: 'Grace', surname: 'Hopper' });
    expect(await post(user.activities.submit({ command: 'sync contacts' }))).toBe(200);
    await api.drain();
    const second = (await api.botConnector.waitForSent(user.conversationId, 5))[4];
    // Delta reports only what changed in Outlook: one new, one updated, one deleted; the history agrees.
    expect(factsOf(second)).toMatchObject({ New: '1', Updated: '1', Deleted: '1', Unchanged: '0', Skipped: '0' });
    const [last] = (await api.as(user, 'GET', '/api/sync/history?top=1')).body.syncs;
    expect(factsOf(second)).toMatchObject(Object.fromEntries(Object.entries(last.counts as Record<string, number>).map(([key, value]) => [key[0]!.toUpperCase() + key.slice(1), String(value)])));
    const after = (await api.as(user, 'GET', '/api/contacts?top=100')).body.contacts as Array<{ id: string; deletedAtSource: boolean; phone: string }>;
    expect(after.filter((contact) => contact.deletedAtSource).map((contact) => contact.id)).toEqual([deleted!.id]);
    expect(after.find((contact) => contact.id === changed!.id)?.phone).toBe('+44 7700 900456');
    expect(after).toHaveLength(7 + 1);
    expect(cardOf(second).actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open Contact Sync', url: TAB_LINK }]);
    expect((await usersRow(user)).botDeliveryOutcome).toBe('delivered');
  });

  it('without stored consent, `sync contacts` answers with a card whose button opens the tab to connect', async () => {
    const user = chatUser({ consent: 'missing' });
    await install(user);
    expect(await post(user.activities.message('sync contacts'))).toBe(200);
    const card = cardOf(sentTo(user)[0]);
    expect(card.body[0]?.text).toBe('Connect your Outlook contacts first');
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open Contact Sync to connect', url: TAB_LINK }]);
  });

  it('a second `sync contacts` while one runs shows its progress instead of starting another', async () => {
    const user = chatUser();
    await install(user);
    await connectInTab(user);
    user.mailbox.seed({ contacts: 60, seed: 3 });
    api.graph.sim.setKnobs({ latencyMs: 150, maxPageSize: 10 });
    try {
      expect(await post(user.activities.message('sync contacts'))).toBe(200);
      expect(await post(user.activities.message('sync contacts'))).toBe(200);
      expect(cardOf(sentTo(user)[2]).body[0]?.text).toMatch(/^Your contact sync (is running|is about to start)$/);
      await api.drain();
    } finally {
      api.graph.sim.setKnobs({ latencyMs: 0, maxPageSize: 200 });
    }
    const proactive = (await api.botConnector.waitForSent(user.conversationId, 4)).filter((sent) => !isReply(sent));
    expect(proactive.map((sent) => cardOf(sent).body[0]?.text)).toEqual(['0 contacts synced', '60 contacts synced']);
  });

  it('anything else gets the short help', async () => {
    const user = chatUser();
    await install(user);
    expect(await post(user.activities.message('please sync'))).toBe(200);
    expect(sentTo(user)[0]?.activity.text).toMatch(/^Sorry, I did not get that\..*sync contacts.*sync status.*help/s);
  });
});

describe('`sync status` and the schedule', () => {
  const lastLine = (sent: SentActivity | undefined) => cardOf(sent).body.at(-1)?.text;

  it('a user with a daily schedule is told when the next run is, in their own time (Adaptive Cards DATE/TIME)', async () => {
    const user = chatUser();
    await install(user);
    await connectInTab(user);
    const put = await api.as(user, 'PUT', '/api/me/schedule', { kind: 'daily', dailyAt: '07:30', timeZone: 'Europe/Berlin' });
    expect(put.status).toBe(200);
    const next = new Date(String(put.body.nextRunAt)).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(await post(user.activities.message('sync status'))).toBe(200);
    const reply = sentTo(user)[1];
    expect(isReply(reply)).toBe(true);
    expect(cardOf(reply).body[0]?.text).toBe('0 contacts synced');
    expect(lastLine(reply)).toBe(`Scheduled sync: daily at 07:30 (Europe/Berlin). Next run: {{DATE(${next}, SHORT)}} at {{TIME(${next})}}.`);
  });

  it('a user without a schedule is told scheduled sync is off and how to turn it on', async () => {
    const user = chatUser();
    await install(user);
    expect(await post(user.activities.message('sync status'))).toBe(200);
    const reply = sentTo(user)[0];
    expect(cardOf(reply).body[0]?.text).toBe('No sync yet. Type **sync contacts** to start one.');
    expect(lastLine(reply)).toBe('Scheduled sync is off. To turn it on, open Contact Sync and choose a schedule under **Scheduled sync**.');
  });

  it('a user who turned the schedule off again is told it is off', async () => {
    const user = chatUser();
    await install(user);
    await connectInTab(user);
    expect((await api.as(user, 'PUT', '/api/me/schedule', { kind: 'everyHours', everyHours: 3 })).status).toBe(200);
    expect((await api.as(user, 'PUT', '/api/me/schedule', { kind: 'off' })).status).toBe(200);
    expect(await post(user.activities.message('sync status'))).toBe(200);
    expect(lastLine(sentTo(user)[1])).toMatch(/^Scheduled sync is off\./);
  });
});

describe('proactive cards after every sync', () => {
  it('a sync started in the tab posts its card to that user only', async () => {
    const [ada, bob] = [chatUser(), chatUser()];
    ada.mailbox.seed({ contacts: 3, seed: 5 });
    await Promise.all([install(ada), install(bob)]);
    expect((await api.as(ada, 'POST', '/api/sync')).status).toBe(202);
    await api.drain();
    const [card] = await api.botConnector.waitForSent(ada.conversationId, 1);
    expect(cardOf(card).body[0]?.text).toBe('3 contacts synced');
    expect(sentTo(bob)).toEqual([]);
  });

  it('a failed sync posts the reason and a retry button', async () => {
    const user = chatUser();
    await install(user);
    expect((await api.as(user, 'POST', '/api/sync')).status).toBe(202);
    await api.drain();
    api.entra.sim.revokeSignInSessions(user.tenantId, user.userId);
    await api.enqueue({ tenantId: user.tenantId, userId: user.userId, trigger: 'schedule', full: false });
    await api.drain();
    const failed = (await api.botConnector.waitForSent(user.conversationId, 2))[1];
    const card = cardOf(failed);
    expect(card.body.map((element) => element.text)).toEqual(['Your contact sync failed', expect.any(String), 'Error code: reconnect_needed']);
    expect(card.actions[0]).toEqual({ type: 'Action.Submit', title: 'Try again', data: { command: 'sync contacts' } });
  });

  it.each([
    ['ConversationBlockedByUser', CONNECTOR_ERRORS.conversationBlockedByUser(), 'blocked', 'forgotten'],
    ['MessageWritesBlocked', CONNECTOR_ERRORS.messageWritesBlocked(), 'blocked', 'forgotten'],
    ['ConversationNotFound', CONNECTOR_ERRORS.conversationNotFound(), 'conversation_gone', 'forgotten'],
    ['BotDisabledByAdmin', CONNECTOR_ERRORS.botDisabledByAdmin(), 'bot_disabled', 'paused'],
  ])('%s: no retry, the outcome recorded, the reference kept as the rules say', async (_code, reply, outcome, state) => {
    const user = chatUser();
    await install(user);
    api.botConnector.failAlways(user.conversationId, reply);
    expect((await api.as(user, 'POST', '/api/sync')).status).toBe(202);
    await api.drain();
    expect(api.botConnector.requests.filter((request) => request.conversationId === user.conversationId).map((request) => request.status)).toEqual([reply.status]);
    expect(await usersRow(user)).toMatchObject({ botDeliveryOutcome: outcome, botConversationState: state });
    // The next sync sends nothing: the reference is forgotten or paused until the user writes again.
    expect((await api.as(user, 'POST', '/api/sync')).status).toBe(202);
    await api.drain();
    expect(api.botConnector.requests.filter((request) => request.conversationId === user.conversationId)).toHaveLength(1);
    api.botConnector.failAlways(user.conversationId, undefined);
    // Writing again brings the reference back: the reply and the next card arrive.
    expect(await post(user.activities.message('sync status'))).toBe(200);
    expect(sentTo(user)).toHaveLength(1);
  });

  it('a throttled connector gets the card after its Retry-After', async () => {
    const user = chatUser();
    await install(user);
    api.botConnector.failNext(user.conversationId, CONNECTOR_ERRORS.throttled(1));
    expect((await api.as(user, 'POST', '/api/sync')).status).toBe(202);
    await api.drain();
    const [card] = await api.botConnector.waitForSent(user.conversationId, 1);
    expect(cardOf(card).body[0]?.text).toBe('0 contacts synced');
    const requests = api.botConnector.requests.filter((request) => request.conversationId === user.conversationId);
    expect(requests.map((request) => request.status)).toEqual([429, 200]);
    expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(1000);
    expect((await usersRow(user)).botDeliveryOutcome).toBe('delivered');
  });
});

describe('every card the bot sent', () => {
  it('is valid Adaptive Card 1.5', () => {
    const cards = api.botConnector.sent.flatMap((sent) => (sent.activity.attachments ?? []) as Array<{ content: unknown }>);
    expect(cards.length).toBeGreaterThan(10);
    expect(cards.flatMap((attachment) => adaptiveCardProblems(attachment.content))).toEqual([]);
  });
});
