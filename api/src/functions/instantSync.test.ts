import { TableClient } from '@azure/data-tables';
import { ApiHarness, type ApiUser } from '../../../tools/src/testing/apiHarness';
import type { SimSubscription } from '../../../tools/src/graphSimulator';
import { renewalBucket } from '../notifications/subscriptionStore';
import { encodeKey, mailboxPartitionKey } from '../storage/tableKeys';

/**
 * Instant sync over real HTTP: the Graph simulator's subscription API validates and posts to the app's own
 * `/api/notifications` in the local Functions host, whose queue worker runs the ordinary incremental sync on
 * Azurite. Time is not faked: a test makes a renewal due by moving its index entry to a past bucket.
 */
let api: ApiHarness;
let tenantId: string;
let admin: ApiUser;

beforeAll(async () => {
  api = await ApiHarness.start();
  tenantId = await api.enabledTenant();
  admin = api.user(tenantId, { roles: ['ContactSync.Admin'] });
  await setInstant(true);
});
afterAll(async () => { await api?.stop(); });

async function setInstant(instantSync: boolean): Promise<void> {
  const saved = await api.as(admin, 'PUT', '/api/org/policy', { whoMaySync: 'everyone', allowedSchedules: ['off', 'daily'], instantSync });
  expect(saved.status).toBe(200);
}

function table(name: string): TableClient {
  return TableClient.fromConnectionString(api.settings.AzureWebJobsStorage ?? '', `${api.settings.TABLE_PREFIX ?? ''}${name}`, { allowInsecureConnection: true });
}

/** A user on instant sync: a first sync stored `contacts` names and created their subscriptions. */
async function syncedUser(names: string[], folders = 1): Promise<ApiUser> {
  const user = api.user(tenantId);
  for (let i = 1; i < folders; i += 1) user.mailbox.addFolder(`Folder ${i}`);
  for (const name of names) user.mailbox.addContact(user.mailbox.defaultFolderId, { givenName: name, surname: 'Initial' });
  expect((await api.as(user, 'POST', '/api/sync')).status).toBe(202);
  await api.drain();
  expect(subscriptionsOf(user)).toHaveLength(folders);
  return user;
}

function subscriptionsOf(user: ApiUser): SimSubscription[] {
  return api.graph.sim.subscriptions.list(user.mailbox);
}

async function history(user: ApiUser): Promise<Array<{ trigger: string; state: string }>> {
  return (await api.as(user, 'GET', '/api/sync/history')).body.syncs as Array<{ trigger: string; state: string }>;
}

/** Stored contacts whose name has `surname` (the listing: search is rate limited, and this polls). */
async function found(user: ApiUser, surname: string): Promise<number> {
  const contacts = (await api.as(user, 'GET', '/api/contacts?top=500')).body.contacts as Array<{ lastName?: string }>;
  return contacts.filter((contact) => contact.lastName === surname).length;
}

/** Graph's notification POST as a forger (or a test) sends it. */
async function post(items: unknown[]): Promise<Response> {
  return fetch(api.settings.NOTIFICATION_URL ?? '', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: items }) });
}

function change(subscription: SimSubscription, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    subscriptionId: subscription.id, clientState: subscription.clientState, changeType: 'updated', tenantId,
    resource: `Users/${subscription.mailbox.userId}/Contacts/x`, subscriptionExpirationDateTime: new Date(subscription.expirationMs).toISOString(),
    ...overrides,
  };
}

/** Moves the user's renewal entry into the past, as if a day had gone by. */
async function makeRenewalDue(user: ApiUser): Promise<void> {
  const users = table('users');
  const row = await users.getEntity<{ instantRenewBucket?: string }>(encodeKey(user.tenantId), encodeKey(user.userId));
  const past = renewalBucket(new Date(Date.now() - 3_600_000));
  await table('subscriptions').deleteEntity(`r:${row.instantRenewBucket ?? ''}`, mailboxPartitionKey(user));
  await table('subscriptions').createEntity({ partitionKey: `r:${past}`, rowKey: mailboxPartitionKey(user), tenantId: user.tenantId, userId: user.userId });
  await users.upsertEntity({ partitionKey: encodeKey(user.tenantId), rowKey: encodeKey(user.userId), instantRenewBucket: past }, 'Merge');
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('instant sync', () => {
  it('answers Graph\'s validation request with the token as text/plain', async () => {
    const response = await fetch(`${api.settings.NOTIFICATION_URL ?? ''}?validationToken=${encodeURIComponent('Validation: Testing client <x>')}`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('Validation: Testing client <x>');
  });

  it('subscribes each contact folder after the first sync, with a lifecycle URL, a secret clientState and under Graph\'s 4230-minute cap', async () => {
    const user = await syncedUser(['Ada'], 3);
    const subscriptions = subscriptionsOf(user);
    expect(new Set(subscriptions.map((s) => s.folderId))).toEqual(new Set(user.mailbox.listFolders().map((f) => f.id)));
    for (const subscription of subscriptions) {
      expect(subscription.notificationUrl).toBe(api.settings.NOTIFICATION_URL);
      expect(subscription.lifecycleNotificationUrl).toBe(api.settings.NOTIFICATION_URL);
      expect(subscription.clientState?.length).toBeGreaterThanOrEqual(40);
      expect(subscription.expirationMs - Date.now()).toBeGreaterThan(4000 * 60_000);
    }
    expect((await api.as(user, 'GET', '/api/me')).body).toMatchObject({ instantSync: { folders: 3 } });
    const stored: unknown[] = [];
    for await (const row of table('subscriptions').listEntities()) stored.push(row);
    // Only the clientState's hash is kept in the app's tables.
    expect(JSON.stringify(stored)).not.toContain(subscriptions[0]?.clientState);
  });

  it('stores a contact added in Outlook within 15 s, through the notification endpoint and the queue, as an instant sync', async () => {
    const user = await syncedUser(['Ada']);
    const started = Date.now();
    user.mailbox.addContact(user.mailbox.defaultFolderId, { givenName: 'Grace', surname: 'Instantly' });
    await until(() => found(user, 'Instantly'), (count) => count === 1, 15_000);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await history(user))[0]).toMatchObject({ trigger: 'notification', state: 'completed' });
  });

  it('coalesces 50 notifications sent at once into one sync', async () => {
    const user = await syncedUser(['Ada']);
    const [subscription] = subscriptionsOf(user);
    if (!subscription) throw new Error('no subscription');
    const before = (await history(user)).length;
    const answers = await Promise.all(Array.from({ length: 50 }, () => post([change(subscription)])));
    expect(answers.map((answer) => answer.status)).toEqual(Array<number>(50).fill(202));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await api.drain();
    expect((await history(user)).length).toBe(before + 1);
  });

  it('ignores a forged notification: wrong clientState, unknown subscription; a body naming another user syncs only the subscription\'s owner', async () => {
    const victim = await syncedUser(['Victim']);
    const owner = await syncedUser(['Owner']);
    const [ownerSubscription] = subscriptionsOf(owner);
    const [victimSubscription] = subscriptionsOf(victim);
    if (!ownerSubscription || !victimSubscription) throw new Error('no subscription');
    const [victimBefore, ownerBefore] = [(await history(victim)).length, (await history(owner)).length];
    expect((await post([change(victimSubscription, { clientState: 'guessed' })])).status).toBe(202);
    expect((await post([change(victimSubscription, { clientState: null })])).status).toBe(202);
    expect((await post([change(victimSubscription, { subscriptionId: 'f0f0f0f0-0000-0000-0000-000000000000' })])).status).toBe(202);
    await post([change(ownerSubscription, { tenantId: victim.tenantId, resource: `Users/${victim.userId}/Contacts/x` })]);
    expect((await post([{ nonsense: true }])).status).toBe(202);
    expect((await fetch(api.settings.NOTIFICATION_URL ?? '', { method: 'POST', body: '{not json' })).status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await api.drain();
    expect((await history(victim)).length).toBe(victimBefore);
    expect((await history(owner)).length).toBe(ownerBefore + 1);
    expect(api.logText()).toMatch(/Notifications: accepted=0 ignored=1 queued=0/);
  });

  it('renews a subscription before it expires when its daily renewal is due, and on reauthorizationRequired', async () => {
    const user = await syncedUser(['Ada']);
    const [subscription] = subscriptionsOf(user);
    if (!subscription) throw new Error('no subscription');
    // Two hours left at Graph (as if nobody renewed for almost three days).
    await fetch(`${api.graph.baseUrl.replace('/v1.0', '')}/_sim/subscriptions/${subscription.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ expirationDateTime: new Date(Date.now() + 2 * 3_600_000).toISOString() }),
    });
    await makeRenewalDue(user);
    await api.fireTimer('renewSubscriptions');
    const renewed = api.graph.sim.subscriptions.find(subscription.id);
    expect(renewed?.expirationMs ?? 0).toBeGreaterThan(Date.now() + 4000 * 60_000);
    expect(api.logText()).toMatch(/Renewals: due=\d+ renewed=[1-9]/);

    await fetch(`${api.graph.baseUrl.replace('/v1.0', '')}/_sim/subscriptions/${subscription.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ expirationDateTime: new Date(Date.now() + 3_600_000).toISOString() }),
    });
    api.graph.sim.notifications.sendLifecycle(api.graph.sim.subscriptions.find(subscription.id) as SimSubscription, 'reauthorizationRequired');
    await until(() => Promise.resolve(api.graph.sim.subscriptions.find(subscription.id)?.expirationMs ?? 0), (ms) => ms > Date.now() + 4000 * 60_000, 10_000);
  });

  it('creates a removed subscription again (subscriptionRemoved) and syncs what changed while it was gone', async () => {
    const user = await syncedUser(['Ada']);
    const [subscription] = subscriptionsOf(user);
    if (!subscription) throw new Error('no subscription');
    api.graph.sim.setKnobs({ dropNotificationRate: 1 });
    user.mailbox.addContact(user.mailbox.defaultFolderId, { givenName: 'While', surname: 'Removed' });
    await api.graph.sim.notifications.whenIdle();
    api.graph.sim.setKnobs({ dropNotificationRate: 0 });
    // Graph removes it and says so (the admin route does both, as Graph would).
    const removed = await fetch(`${api.graph.baseUrl.replace('/v1.0', '')}/_sim/subscriptions/${subscription.id}/lifecycle`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lifecycleEvent: 'subscriptionRemoved' }),
    });
    expect(removed.status).toBeLessThan(300);
    const again = await until(() => Promise.resolve(subscriptionsOf(user)), (list) => list.length === 1 && list[0]?.id !== subscription.id, 10_000);
    expect(again[0]?.folderId).toBe(subscription.folderId);
    await until(() => found(user, 'Removed'), (count) => count === 1, 15_000);
  });

  it('catches a lost notification with the daily safety sync', async () => {
    const user = await syncedUser(['Ada']);
    api.graph.sim.setKnobs({ dropNotificationRate: 1 });
    user.mailbox.addContact(user.mailbox.defaultFolderId, { givenName: 'Never', surname: 'Notified' });
    await api.graph.sim.notifications.whenIdle();
    api.graph.sim.setKnobs({ dropNotificationRate: 0 });
    await api.drain();
    expect(await found(user, 'Notified')).toBe(0);
    // A day without a completed sync.
    await table('users').upsertEntity({ partitionKey: encodeKey(user.tenantId), rowKey: encodeKey(user.userId), lastCompletedAt: new Date(Date.now() - 21 * 3_600_000).toISOString() }, 'Merge');
    await makeRenewalDue(user);
    await api.fireTimer('renewSubscriptions');
    await api.drain();
    expect(await found(user, 'Notified')).toBe(1);
    expect(api.logText()).toMatch(/safetySyncs=[1-9]/);
  });

  it('drops the subscriptions when consent is revoked, and the user is told to reconnect', async () => {
    const user = await syncedUser(['Ada']);
    const [subscription] = subscriptionsOf(user);
    if (!subscription) throw new Error('no subscription');
    api.entra.sim.setConsent(user.tenantId, user.userId, 'revoked');
    api.graph.sim.notifications.sendLifecycle(subscription, 'reauthorizationRequired');
    const me = await until(async () => (await api.as(user, 'GET', '/api/me')).body as { reconnectNeeded: boolean }, (body) => body.reconnectNeeded, 10_000);
    expect(me.reconnectNeeded).toBe(true);
    await api.drain();
    const rows: unknown[] = [];
    for await (const row of table('subscriptions').listEntities({ queryOptions: { filter: `PartitionKey eq 'm:${mailboxPartitionKey(user)}'` } })) rows.push(row);
    expect(rows).toEqual([]);
    const health = (await api.as(admin, 'GET', '/api/org/health?top=100')).body as { users: Array<{ userId: string; instant?: { errorCode?: string } }> };
    expect(health.users.find((u) => u.userId === user.userId)?.instant).toMatchObject({ subscriptions: 0, errorCode: 'reconnect_needed' });
    // A later notification of the dropped subscription starts nothing.
    const before = (await history(user)).length;
    await post([change(subscription)]);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await api.drain();
    expect((await history(user)).length).toBe(before);
  });

  it('deletes the subscriptions at Graph on disconnect, and when the policy turns instant sync off', async () => {
    const leaving = await syncedUser(['Ada']);
    expect((await api.as(leaving, 'DELETE', '/api/me/connection', { eraseContacts: false })).status).toBe(200);
    expect(subscriptionsOf(leaving)).toEqual([]);

    const staying = await syncedUser(['Bea']);
    await setInstant(false);
    try {
      staying.mailbox.addContact(staying.mailbox.defaultFolderId, { givenName: 'After', surname: 'Policy' });
      await until(() => Promise.resolve(subscriptionsOf(staying)), (list) => list.length === 0, 10_000);
    } finally {
      await setInstant(true);
    }
  });

  it('shows the company how many users are on instant sync and whose subscriptions expire soon', async () => {
    await syncedUser(['Ada'], 2);
    const { counts, users } = (await api.as(admin, 'GET', '/api/org/health?top=100')).body as {
      counts: { instantSync: number; instantExpiringSoon: number }; users: Array<{ instant?: { subscriptions: number; expiresAt: string } }>;
    };
    expect(counts.instantSync).toBeGreaterThanOrEqual(1);
    expect(counts.instantExpiringSoon).toBe(0);
    expect(users.some((u) => u.instant?.subscriptions === 2 && Date.parse(u.instant.expiresAt) > Date.now() + 60 * 3_600_000)).toBe(true);
  });
});
