import { ApiHarness, type ApiUser } from '../../../tools/src/testing/apiHarness';
import { USER_TOKEN_PROPERTIES } from '../identity/userTokenCacheStore';
import { MAILBOX_TABLES, TABLES, TableClientFactory, type TableName } from '../storage/tableClientFactory';
import { ROW_PREFIX, encodeKey, keyRangeFilter, mailboxPartitionKey, odataString } from '../storage/tableKeys';
import { indexPartitionPrefix } from '../phonebook/phonebookRows';

/**
 * DELETE /api/me/connection over HTTP (local Functions host, Azurite, local Entra authority, Graph
 * simulator). What is erased is checked by counting rows in Azurite.
 */
let api: ApiHarness;
let tables: TableClientFactory;
let tenantId: string;

beforeAll(async () => {
  api = await ApiHarness.start();
  tables = new TableClientFactory(api.settings.AzureWebJobsStorage ?? '', api.settings.TABLE_PREFIX);
  tenantId = await api.enabledTenant();
});
afterAll(async () => { await api?.stop(); });

async function syncNow(user: ApiUser): Promise<void> {
  expect((await api.as(user, 'POST', '/api/sync')).status).toBe(202);
  await api.drain();
}

/** Rows of the user's mailbox partition, per table (and the contacts among them). */
async function mailboxRows(user: ApiUser): Promise<Record<TableName | 'contactRows', number>> {
  const counts = new Map<string, number>([['contactRows', 0]]);
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const name of [...MAILBOX_TABLES, TABLES.phonebook]) {
    // The phonebook's index is spread over the mailbox's index partitions: `{mailbox}|{shard}`.
    const filter = name === TABLES.phonebook ? keyRangeFilter('PartitionKey', indexPartitionPrefix(mailboxPartitionKey(user), ''))
      : `PartitionKey eq '${odataString(mailboxPartitionKey(user))}'`;
    counts.set(name, 0);
    for await (const entity of (await tables.get(name)).listEntities({ queryOptions: { filter, select: ['RowKey'] } })) {
      add(name);
      if (name === TABLES.contacts && entity.rowKey?.startsWith(ROW_PREFIX.contact)) add('contactRows');
    }
  }
  return Object.fromEntries(counts) as Record<TableName | 'contactRows', number>;
}

async function storedGrant(user: ApiUser): Promise<unknown> {
  const row = await (await tables.get(TABLES.users)).getEntity<Record<string, unknown>>(encodeKey(user.tenantId), encodeKey(user.userId));
  return row[USER_TOKEN_PROPERTIES.grant];
}

function disconnect(user: ApiUser, eraseContacts: boolean) {
  return api.as(user, 'DELETE', '/api/me/connection', { eraseContacts });
}

describe('DELETE /api/me/connection, keeping the contacts', () => {
  it('erases the stored grant at once: background syncs fail with reconnect_needed until the user syncs in the tab again', async () => {
    const user = api.user(tenantId);
    user.mailbox.seed({ contacts: 5, seed: 51 });
    await syncNow(user);
    const before = await mailboxRows(user);

    const response = await disconnect(user, false);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ disconnected: true, erased: { contacts: 0, rows: 0 } });
    expect(await storedGrant(user)).toBe('');
    expect((await api.as(user, 'GET', '/api/me')).body).toMatchObject({ connected: false, reconnectNeeded: false });
    // Contacts and history stay.
    expect(await mailboxRows(user)).toEqual(before);
    expect((await api.as(user, 'GET', '/api/contacts')).body.contacts).toHaveLength(5);
    expect((await api.as(user, 'GET', '/api/sync/history')).body.syncs).toHaveLength(1);

    const refreshes = api.entra.sim.stats.refreshRequests;
    await api.enqueue({ tenantId, userId: user.userId, trigger: 'schedule', full: false });
    await api.drain();
    expect(api.entra.sim.stats.refreshRequests).toBe(refreshes); // nothing left to redeem
    expect((await api.as(user, 'GET', '/api/sync/status')).body).toMatchObject({ state: 'failed', error: { code: 'reconnect_needed' } });
    expect((await api.as(user, 'GET', '/api/me')).body).toMatchObject({ connected: false, reconnectNeeded: true });

    // Syncing in the tab exchanges the SSO token again and stores a new grant.
    const exchanges = api.entra.sim.stats.oboRequests;
    await syncNow(user);
    expect(api.entra.sim.stats.oboRequests).toBe(exchanges + 1);
    expect((await api.as(user, 'GET', '/api/me')).body).toMatchObject({ connected: true, reconnectNeeded: false, lastSync: { state: 'completed' } });
  });
});

describe('DELETE /api/me/connection, erasing the contacts', () => {
  it('deletes every row of the mailbox (contacts, folder state, history, lease), in transactions of at most 100, and nobody else\'s', async () => {
    const [user, neighbour] = [api.user(tenantId), api.user(tenantId)];
    // Same user id in another tenant: a different mailbox that must stay.
    const twin = api.user(await api.enabledTenant(), { userId: user.userId });
    user.mailbox.seed({ contacts: 230, seed: 52 });
    for (const other of [neighbour, twin]) other.mailbox.seed({ contacts: 3, seed: 53 });
    await Promise.all([syncNow(user), syncNow(neighbour), syncNow(twin)]);
    await syncNow(user);
    const before = await mailboxRows(user);
    expect(before).toMatchObject({ contactRows: 230, syncs: 2, leases: 1 });
    expect(before.contacts).toBeGreaterThan(230); // folder states, the folder tree and the fence too
    expect(before.phonebook).toBeGreaterThan(230); // the phonebook's index: several rows a contact
    const others = [await mailboxRows(neighbour), await mailboxRows(twin)];

    const response = await disconnect(user, true);
    expect(response.status).toBe(200);
    const total = before.contacts + before.syncs + before.leases + before.phonebook;
    expect(response.body).toEqual({ disconnected: true, erased: { contacts: 230, rows: total } });
    expect(await mailboxRows(user)).toEqual({ contacts: 0, syncs: 0, leases: 0, phonebook: 0, contactRows: 0 });
    expect(await storedGrant(user)).toBe('');
    expect([await mailboxRows(neighbour), await mailboxRows(twin)]).toEqual(others);

    expect((await api.as(user, 'GET', '/api/contacts')).body.contacts).toEqual([]);
    expect((await api.as(user, 'GET', '/api/sync/history')).body.syncs).toEqual([]);
    const me = (await api.as(user, 'GET', '/api/me')).body;
    expect(me).toMatchObject({ connected: false });
    expect(me.lastSync).toBeUndefined();
    // The next sync starts afresh.
    await syncNow(user);
    expect((await api.as(user, 'GET', '/api/sync/status')).body).toMatchObject({ state: 'completed', counts: { new: 230 } });
  });

  it('answers 409 sync_running while a sync holds the mailbox, and erases nothing', async () => {
    const user = api.user(tenantId);
    user.mailbox.seed({ contacts: 4, seed: 54 });
    await syncNow(user);
    const before = await mailboxRows(user);
    // Slow Graph: the queued sync holds the mailbox (reserved, then running) for seconds after the 202.
    api.graph.sim.setKnobs({ latencyMs: 1000 });
    try {
      const started = await api.as(user, 'POST', '/api/sync');
      expect(started.status).toBe(202);
      const refused = await disconnect(user, true);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'sync_running', details: { syncId: started.body.syncId } });
      // Nothing erased (the running sync may have added its own history row meanwhile).
      const after = await mailboxRows(user);
      expect(after.contactRows).toBe(before.contactRows);
      for (const table of MAILBOX_TABLES) expect(after[table]).toBeGreaterThanOrEqual(before[table]);
      expect(await storedGrant(user)).not.toBe('');
      await api.drain();
    } finally {
      api.graph.sim.setKnobs({ latencyMs: 0 });
    }
    expect((await disconnect(user, true)).body).toMatchObject({ erased: { contacts: 4 } });
  });

  it('refuses a body without the choice, naming eraseContacts', async () => {
    const response = await api.as(api.user(tenantId), 'DELETE', '/api/me/connection', {});
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid_request', details: { field: 'eraseContacts' } });
  });
});
