import { RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import { numberField, textField } from './entityFields';
import { leaseLostError } from './heldLease';

/**
 * The fence row's key in the mailbox's partition of the contacts table; outside the `c:`, `f:` and `r:`
 * ranges that contacts, folder states and removal markers use.
 */
export const FENCE_ROW_KEY = 'l:fence';
/** Writes of the fence row raced by another taker before this one gives up. */
const TAKE_ATTEMPTS = 3;

/**
 * Fencing of a sync's writes to the mailbox's partition. The worker that takes the lease writes the fence
 * row (its holder id) before it reads any checkpoint; every transaction of the worker then carries an
 * ETag-guarded update of that row. A transaction is atomic within the partition, so once a later worker
 * has taken the fence, each transaction of the earlier one fails whole: none of its writes land. Commits
 * of one worker are serialised, since each moves the fence row's ETag.
 */
export class PartitionFence {
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly client: TableClient,
    private readonly partitionKey: string,
    private readonly holder: string,
    private etag: string,
    private readonly check: () => void,
  ) {}

  /**
   * Takes the partition for `holder` (the lease holder id); whoever held it before is fenced out.
   * `check` throws when the worker knows it lost its lease: nothing is sent then. `generation` is the
   * lease's (it grows with every take-over): a fence taken under a newer lease is never taken back, so a
   * worker frozen between taking the lease and taking the fence cannot fence out the worker that took over.
   */
  static async take(client: TableClient, partitionKey: string, holder: string, syncId: string, check: () => void,
    generation = 0): Promise<PartitionFence> {
    for (let attempt = 1; ; attempt += 1) {
      check();
      const current = await readFence(client, partitionKey);
      if (current && current.generation > generation) throw leaseLostError({ syncId: current.syncId });
      const entity = { partitionKey, rowKey: FENCE_ROW_KEY, holder, syncId, generation };
      try {
        // ETag-guarded: a newer fence written since the read above is not overwritten.
        const response = current ? await client.updateEntity(entity, 'Replace', { etag: current.etag }) : await client.createEntity(entity);
        return new PartitionFence(client, partitionKey, holder, response.etag ?? '', check);
      } catch (error) {
        const raced = error instanceof RestError && (error.statusCode === 409 || error.statusCode === 412);
        if (!raced || attempt >= TAKE_ATTEMPTS) throw error;
      }
    }
  }

  /** Actions a fenced transaction may carry besides the guard. */
  static readonly capacity = 99;

  /** Submits `actions` (at most {@link capacity}) with the guard, after every earlier submit of this fence. */
  submit(actions: TransactionAction[]): Promise<void> {
    const run = this.tail.then(() => this.send(actions));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * The sync of the worker that has taken the partition since this fence was taken (syncId '' when the
   * fence row is gone); undefined while it is still this worker's.
   */
  async takenBy(): Promise<{ syncId: string } | undefined> {
    const row = await readFence(this.client, this.partitionKey);
    if (!row) return { syncId: '' };
    return row.holder !== this.holder ? { syncId: row.syncId } : undefined;
  }

  private async send(actions: TransactionAction[]): Promise<void> {
    this.check();
    const guard: TransactionAction = ['update', { partitionKey: this.partitionKey, rowKey: FENCE_ROW_KEY, holder: this.holder }, 'Merge', { etag: this.etag }];
    const response = await this.client.submitTransaction([...actions, guard]);
    const etag = response.getResponseForEntity(FENCE_ROW_KEY)?.etag;
    this.etag = etag ?? (await this.client.getEntity(this.partitionKey, FENCE_ROW_KEY)).etag;
  }
}

async function readFence(client: TableClient, partitionKey: string): Promise<{ holder: string; generation: number; syncId: string; etag: string } | undefined> {
  try {
    const row = await client.getEntity<Record<string, unknown>>(partitionKey, FENCE_ROW_KEY);
    return { holder: textField(row.holder), generation: numberField(row.generation), syncId: textField(row.syncId), etag: row.etag };
  } catch (error) {
    if (error instanceof RestError && error.statusCode === 404) return undefined;
    throw error;
  }
}
