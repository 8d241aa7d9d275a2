import { RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import { textField } from './entityFields';

/**
 * The fence row's key in the mailbox's partition of the contacts table; outside the `c:`, `f:` and `r:`
 * ranges that contacts, folder states and removal markers use.
 */
export const FENCE_ROW_KEY = 'l:fence';

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
   * `check` throws when the worker knows it lost its lease: nothing is sent then.
   */
  static async take(client: TableClient, partitionKey: string, holder: string, syncId: string, check: () => void): Promise<PartitionFence> {
    const response = await client.upsertEntity({ partitionKey, rowKey: FENCE_ROW_KEY, holder, syncId }, 'Replace');
    return new PartitionFence(client, partitionKey, holder, response.etag ?? '', check);
  }

  /** Actions a fenced transaction may carry besides the guard. */
  static readonly capacity = 99;

  /** Submits `actions` (at most {@link capacity}) with the guard, after every earlier submit of this fence. */
  submit(actions: TransactionAction[]): Promise<void> {
    const run = this.tail.then(() => this.send(actions));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** True when another worker has taken the partition since this fence was taken. */
  async isTaken(): Promise<boolean> {
    try {
      const row = await this.client.getEntity<Record<string, unknown>>(this.partitionKey, FENCE_ROW_KEY);
      return textField(row.holder) !== this.holder;
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return true;
      throw error;
    }
  }

  private async send(actions: TransactionAction[]): Promise<void> {
    this.check();
    const guard: TransactionAction = ['update', { partitionKey: this.partitionKey, rowKey: FENCE_ROW_KEY, holder: this.holder }, 'Merge', { etag: this.etag }];
    const response = await this.client.submitTransaction([...actions, guard]);
    const etag = response.getResponseForEntity(FENCE_ROW_KEY)?.etag;
    this.etag = etag ?? (await this.client.getEntity(this.partitionKey, FENCE_ROW_KEY)).etag;
  }
}
