import { randomBytes, randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { startAzurite, type AzuriteInstance } from '../../../tools/src/azurite/azuriteProcess';
import type { MailboxRef } from '../contacts/contactModel';
import type { CallerIdentity } from '../identity';
import { TableUserTokenCacheStore } from '../identity/userTokenCacheStore';
import { erasePartition } from '../storage/partitionEraser';
import { SyncLeaseRepository } from '../storage/syncLeaseRepository';
import { MAILBOX_TABLES, TABLES, TableClientFactory } from '../storage/tableClientFactory';
import { UserRowStore } from '../storage/userRowStore';
import { DisconnectService } from './disconnectService';
import type { MailboxEraser } from './mailboxEraser';

/**
 * The registered MailboxErasers (other modules' tables keyed otherwise), against Azurite: they run while
 * the erasure holds the mailbox's lease, their rows are counted, and a failing one leaves the mailbox free.
 */
let azurite: AzuriteInstance;
let tables: TableClientFactory;
let extra: TableClient;

beforeAll(async () => {
  azurite = await startAzurite();
  const prefix = `dis${randomBytes(4).toString('hex')}`;
  tables = new TableClientFactory(azurite.connectionString, prefix);
  // A table another module might keep: PartitionKey tenant, RowKey `{user}:{n}`.
  extra = TableClient.fromConnectionString(azurite.connectionString, `${prefix}extra`, { allowInsecureConnection: true });
  await extra.createTable();
});
afterAll(async () => { await azurite?.stop(); });

const leases = async () => new SyncLeaseRepository(await tables.get(TABLES.leases), { transactions: 0 }, 60_000);

/** An eraser of the extra table that records whether the mailbox's lease was held while it ran. */
class ExtraTableEraser implements MailboxEraser {
  leaseHeld?: boolean;
  constructor(private readonly fail = false) {}
  async erase(mailbox: MailboxRef): Promise<number> {
    const lease = await (await leases()).peek(mailbox);
    this.leaseHeld = Boolean(lease && lease.expiresAt > Date.now() && lease.syncId.startsWith('erasure-'));
    if (this.fail) throw new Error('storage unavailable');
    let erased = 0;
    const filter = `PartitionKey eq '${mailbox.tenantId}' and RowKey ge '${mailbox.userId}:' and RowKey lt '${mailbox.userId};'`;
    for await (const entity of extra.listEntities({ queryOptions: { filter } })) {
      await extra.deleteEntity(entity.partitionKey ?? '', entity.rowKey ?? '');
      erased += 1;
    }
    return erased;
  }
}

function serviceWith(erasers: MailboxEraser[]): DisconnectService {
  return new DisconnectService({
    grants: new TableUserTokenCacheStore(tables), leases, users: new UserRowStore(tables), mailboxTables: MAILBOX_TABLES, erasers,
    erasePartition: async (table, partitionKey, options) => erasePartition(await tables.get(table), partitionKey, options),
  });
}

async function callerWithRows(rows: number): Promise<CallerIdentity> {
  const caller = { tenantId: randomUUID(), userId: randomUUID(), name: 'Ada', upn: 'ada@contoso.example', roles: [], scopes: [], rawToken: '' };
  await new TableUserTokenCacheStore(tables).write(caller.tenantId, caller.userId, 'sealed-grant');
  for (let n = 0; n < rows; n += 1) await extra.createEntity({ partitionKey: caller.tenantId, rowKey: `${caller.userId}:${n}` });
  return caller;
}

describe('DisconnectService with registered MailboxErasers', () => {
  it('runs each eraser while the erasure holds the mailbox lease and counts its rows', async () => {
    const [caller, neighbour] = [await callerWithRows(3), await callerWithRows(2)];
    const eraser = new ExtraTableEraser();
    const result = await serviceWith([eraser]).disconnect(caller, { eraseContacts: true });
    expect(result).toEqual({ disconnected: true, erased: { contacts: 0, rows: 3 + 1 } }); // + the erasure's own lease row
    expect(eraser.leaseHeld).toBe(true);
    expect(await new TableUserTokenCacheStore(tables).read(caller.tenantId, caller.userId)).toBeUndefined();
    expect(await (await leases()).peek(caller)).toBeUndefined();
    const left = extra.listEntities({ queryOptions: { filter: `PartitionKey eq '${neighbour.tenantId}'` } });
    let neighbourRows = 0;
    for await (const _entity of left) neighbourRows += 1;
    expect(neighbourRows).toBe(2);
  });

  it('leaves the mailbox free for the next sync when an eraser fails (the grant is gone already)', async () => {
    const caller = await callerWithRows(1);
    await expect(serviceWith([new ExtraTableEraser(true)]).disconnect(caller, { eraseContacts: true })).rejects.toThrow('storage unavailable');
    expect(await new TableUserTokenCacheStore(tables).read(caller.tenantId, caller.userId)).toBeUndefined();
    const next = await (await leases()).acquire(caller, { fresh: false, newSync: () => ({ syncId: 'next', historyKey: 'k' }) });
    expect(next.row.syncId).toBe('next');
    await next.release(true);
  });
});
