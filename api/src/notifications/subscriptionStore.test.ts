import { TableClient } from '@azure/data-tables';
import { type AzuriteInstance, startAzurite } from '../../../tools/src/azurite/azuriteProcess';
import { PENDING_STALE_MS, SubscriptionStore, renewalBucket } from './subscriptionStore';

let azurite: AzuriteInstance;
let store: SubscriptionStore;
let table: TableClient;
const NOW = Date.parse('2026-12-06T12:00:00Z');

beforeAll(async () => {
  azurite = await startAzurite();
  table = TableClient.fromConnectionString(azurite.connectionString, 'subscriptionstore', { allowInsecureConnection: true });
  await table.createTable();
  store = new SubscriptionStore(table);
});
afterAll(async () => { await azurite?.stop(); });

const mailbox = (userId: string) => ({ tenantId: 't1', userId });

describe('SubscriptionStore on Azurite', () => {
  it('marks a mailbox pending once: later notifications coalesce until the worker clears it', async () => {
    const who = mailbox('coalesce');
    expect(await store.markPending(who, NOW)).toBe(true);
    expect(await store.markPending(who, NOW + 1000)).toBe(false);
    expect(await store.markPending(who, NOW + 2000)).toBe(false);
    await store.clearPending(who);
    expect(await store.markPending(who, NOW + 3000)).toBe(true);
  });

  it('takes over a mark older than five minutes (its job was lost), once', async () => {
    const who = mailbox('stale');
    expect(await store.markPending(who, NOW)).toBe(true);
    expect(await store.markPending(who, NOW + PENDING_STALE_MS + 1)).toBe(true);
    expect(await store.markPending(who, NOW + PENDING_STALE_MS + 2)).toBe(false);
  });

  it('never fails when the worker clears the mark between a notification\'s insert and its read (it marks again)', async () => {
    const who = mailbox('race');
    for (let round = 0; round < 10; round += 1) {
      await store.markPending(who, NOW);
      const outcomes = await Promise.allSettled([...Array.from({ length: 8 }, () => store.markPending(who, NOW)), store.clearPending(who)]);
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      await store.clearPending(who);
    }
  });

  it('finds a subscription by id and lists and removes it per mailbox', async () => {
    const who = mailbox('subs');
    await store.save({ id: 'sub/1', mailbox: who, folderId: 'f1', clientStateHash: 'h', expiresAt: '2026-12-09T00:00:00Z' });
    await store.save({ id: 'sub2', mailbox: who, folderId: 'f2', clientStateHash: 'h', expiresAt: '2026-12-09T00:00:00Z' });
    await store.markPending(who, NOW);
    expect(await store.find('sub/1')).toMatchObject({ mailbox: who, folderId: 'f1' });
    expect((await store.listFor(who)).map((s) => s.id).sort()).toEqual(['sub/1', 'sub2']);
    await store.remove({ id: 'sub/1', mailbox: who });
    expect(await store.find('sub/1')).toBeUndefined();
    expect((await store.listFor(who)).map((s) => s.id)).toEqual(['sub2']);
  });

  it('reads only the renewal entries that are due', async () => {
    await store.planRenewal(mailbox('due'), new Date(NOW - 3_600_000));
    await store.planRenewal(mailbox('later'), new Date(NOW + 3_600_000));
    const due: string[] = [];
    for await (const entry of store.dueRenewals(new Date(NOW))) due.push(entry.mailbox.userId);
    expect(due).toEqual(['due']);
    expect(renewalBucket(new Date(NOW))).toBe('2026120612');
  });
});
