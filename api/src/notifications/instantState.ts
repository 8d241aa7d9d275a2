import { RestError, type TableClient } from '@azure/data-tables';
import type { MailboxRef } from '../contacts/contactModel';
import { mergeUserRow, userRowKeys } from '../storage/userRow';

/** A mailbox's instant sync, as the health view and the keeper read it. */
export interface InstantSyncState {
  /** Live subscriptions (one per contact folder); 0: not on instant sync. */
  subscriptions: number;
  /** ISO time of the earliest expiry ('' when none). */
  expiresAt: string;
  /** The renewal index bucket holding the mailbox ('' when none). */
  renewBucket: string;
  /** Code of the last failure to create or renew ('' when the last one worked). */
  error: string;
}

/** Property names on the users row (PartitionKey tenant, RowKey user); other modules keep theirs there too. */
export const INSTANT_PROPERTIES = {
  subscriptions: 'instantSubscriptions', expiresAt: 'instantExpiresAt', renewBucket: 'instantRenewBucket', error: 'instantError',
} as const;

const P = INSTANT_PROPERTIES;

/** Reads and merges the instant-sync fields of a users row. */
export class InstantState {
  constructor(private readonly users: () => Promise<TableClient>) {}

  async read(mailbox: MailboxRef): Promise<InstantSyncState> {
    const { partitionKey, rowKey } = userRowKeys(mailbox);
    try {
      const row = await (await this.users()).getEntity<Record<string, unknown>>(partitionKey, rowKey, { queryOptions: { select: Object.values(P) } });
      return instantStateOf(row);
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return instantStateOf({});
      throw error;
    }
  }

  async write(mailbox: MailboxRef, state: InstantSyncState): Promise<void> {
    await mergeUserRow(await this.users(), mailbox, {
      [P.subscriptions]: state.subscriptions, [P.expiresAt]: state.expiresAt, [P.renewBucket]: state.renewBucket, [P.error]: state.error,
    });
  }
}

/** The fields of a users row entity (a listing or a point read). */
export function instantStateOf(row: Record<string, unknown>): InstantSyncState {
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return {
    subscriptions: typeof row[P.subscriptions] === 'number' ? (row[P.subscriptions] as number) : 0,
    expiresAt: text(row[P.expiresAt]), renewBucket: text(row[P.renewBucket]), error: text(row[P.error]),
  };
}
