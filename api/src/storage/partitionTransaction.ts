import { RestError, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { leaseLostError } from './heldLease';
import { PartitionFence } from './partitionFence';

/** Table Storage's limit of operations in one entity group transaction. */
export const MAX_TRANSACTION_ACTIONS = 100;

/** Counts table write requests (a transaction or a single write is one), for the sync's record. */
export interface TableWriteMeter {
  transactions: number;
}

/** Another writer changed or created an entity this unit of work read: re-read and decide again. */
export class WriteConflictError extends Error {
  constructor(cause: unknown) {
    super('an entity changed while it was being written', { cause });
    this.name = 'WriteConflictError';
  }
}

type Entity = TableEntity<Record<string, unknown>>;

/**
 * Table Storage refused one entity of a transaction (a property it cannot store, an entity too large);
 * nothing of that transaction was written. Its answer names the action ("index:message").
 */
export class EntityRefusedError extends Error {
  constructor(readonly entity: Entity, readonly storageCode: string, cause: unknown) {
    super(`Table Storage refused an entity (${storageCode})`, { cause });
    this.name = 'EntityRefusedError';
  }
}

/**
 * The writes of one unit of work (a page) in one partition, sent as transactions of at most 100 actions,
 * in order. Each transaction is atomic; put the unit's checkpoint last so that it lands with the unit's
 * last writes. Creates fail if the entity exists and ETag-guarded updates fail if it changed: both surface
 * as {@link WriteConflictError}.
 */
export class PartitionTransaction {
  private readonly actions: TransactionAction[] = [];
  /** Ranges [start, end) of `actions` that must land in one transaction. */
  private readonly groups: Array<[number, number]> = [];

  /** With a `fence`, every transaction also carries the fence's guard (see {@link PartitionFence}). */
  constructor(private readonly client: TableClient, private readonly meter: TableWriteMeter, private readonly fence?: PartitionFence) {}

  get size(): number {
    return this.actions.length;
  }

  /**
   * Stages the actions `stage` adds as one group: they land in the same transaction (a contact and its
   * change-log entry), so that a unit replayed after a crash finds both or neither.
   */
  together(stage: () => void): this {
    const start = this.actions.length;
    stage();
    if (this.actions.length - start > 1) this.groups.push([start, this.actions.length]);
    return this;
  }

  create(entity: Entity): this {
    this.actions.push(['create', entity]);
    return this;
  }

  /** Replaces the entity if it still has `etag` (merge when `merge` is set: only the given properties). */
  update(entity: Entity, etag: string, merge = false): this {
    this.actions.push(['update', entity, merge ? 'Merge' : 'Replace', { etag }]);
    return this;
  }

  upsert(entity: Entity): this {
    this.actions.push(['upsert', entity, 'Replace']);
    return this;
  }

  delete(partitionKey: string, rowKey: string): this {
    this.actions.push(['delete', { partitionKey, rowKey }]);
    return this;
  }

  async commit(): Promise<void> {
    const size = this.fence ? PartitionFence.capacity : MAX_TRANSACTION_ACTIONS;
    const all = this.actions;
    for (let start = 0, end = 0; start < all.length; start = end) {
      end = this.chunkEnd(start, Math.min(start + size, all.length));
      const chunk = all.slice(start, end);
      this.meter.transactions += 1;
      try {
        await (this.fence ? this.fence.submit(chunk) : this.client.submitTransaction(chunk));
      } catch (error) {
        if (error instanceof RestError && (error.statusCode === 409 || error.statusCode === 412)) {
          // Another worker took the partition over: this one stops, its transaction did not land. The error
          // names the taker's sync (the worker retries a job whose own sync took over; see syncWorkerService).
          const taker = await this.fence?.takenBy();
          if (taker) throw leaseLostError(taker.syncId ? taker : undefined, error);
          throw new WriteConflictError(error);
        }
        throw refusal(error, chunk) ?? error;
      }
    }
    this.actions.length = 0;
    this.groups.length = 0;
  }

  /** Where a transaction that starts at `start` ends: at most at `limit`, never inside a group. */
  private chunkEnd(start: number, limit: number): number {
    // The outermost group that the limit would cut decides (groups may nest).
    const cut = Math.min(...this.groups.filter(([from, to]) => from < limit && to > limit).map(([from]) => from));
    return Number.isFinite(cut) && cut > start ? cut : limit;
  }
}

/** The entity of a transaction that Table Storage refused (its answer names it by index), or undefined. */
export function refusal(error: unknown, chunk: TransactionAction[]): EntityRefusedError | undefined {
  if (!(error instanceof RestError) || (error.statusCode !== 400 && error.statusCode !== 413)) return undefined;
  const index = /^(\d+):/.exec(error.message)?.[1];
  const action = index === undefined ? undefined : chunk[Number(index)];
  return action ? new EntityRefusedError(action[1], error.code ?? String(error.statusCode), error) : undefined;
}
