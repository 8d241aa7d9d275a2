import { LeaseConflictError, LeaseHolder } from './heldLease';
import type { LeaseRow } from './syncLeaseRepository';

const row: LeaseRow = { syncId: 's1', historyKey: 'k', holder: 'w1', expiresAt: 1_000, syncFinished: false };

/** A lease row kept in memory with an ETag, as Table Storage keeps it. */
function storedLease(start: LeaseRow) {
  const store = { row: start, etag: 1, writes: 0 };
  const holder = (now: () => number) => new LeaseHolder(start, '1', {
    ttlMs: 900, now,
    read: () => Promise.resolve(store.row),
    write: async (next, etag) => {
      store.writes += 1;
      await Promise.resolve();
      if (etag !== String(store.etag)) throw new LeaseConflictError(new Error('412'));
      store.row = next;
      store.etag += 1;
      return String(store.etag);
    },
  });
  const takeOver = (by: string) => { store.row = { ...store.row, holder: by }; store.etag += 1; };
  return { store, holder, takeOver };
}

describe('a held lease', () => {
  it('renews once when renewals are asked for at the same time', async () => {
    const { store, holder } = storedLease(row);
    const lease = holder(() => 500);
    await Promise.all([lease.renew(), lease.renew(), lease.renew(), lease.renew()]);
    expect(store.writes).toBe(1);
    expect(lease.row.expiresAt).toBe(1_400);
    await lease.renew();
    expect(store.writes).toBe(2);
  });

  it('is lost when another worker wrote the row: renewals, checks and the release then fail', async () => {
    const { holder, takeOver } = storedLease(row);
    const lease = holder(() => 500);
    takeOver('w2');
    await expect(lease.renew()).rejects.toMatchObject({ code: 'sync_running', details: { leaseLost: true } });
    expect(() => lease.check()).toThrow();
    await expect(lease.release(true)).rejects.toMatchObject({ code: 'sync_running', details: { leaseLost: true } });
  });

  it.each([
    ['before it expires', 999, false],
    ['once it has expired, though nobody took it', 1_000, true],
  ])('check() %s (now %d) throws: %s', (_case, now, throws) => {
    const lease = storedLease(row).holder(() => now);
    if (throws) expect(() => lease.check()).toThrow();
    else expect(() => lease.check()).not.toThrow();
  });

  it('hands over to the continuation: reserved under the same sync, for the given time', async () => {
    const { store, holder } = storedLease(row);
    await holder(() => 500).handOver('continuing', 10_000);
    expect(store.row).toEqual({ ...row, holder: 'continuing', expiresAt: 10_500, syncFinished: false });
  });
});
