import { RestError, type TableClient } from '@azure/data-tables';
import type { MailboxRef } from '../contacts/contactModel';
import { type ProblemCounts, type SyncCounts, parseCounts, parseProblemCounts, zeroCounts } from '../sync/syncCounts';
import type { TableWriteMeter } from './partitionTransaction';
import { mailboxPartitionKey } from './tableKeys';
import { numberField, textField } from './entityFields';

/** Who started a sync; `notification`: a Graph change notification (instant sync). */
export type SyncTrigger = 'manual' | 'bot' | 'schedule' | 'cli' | 'notification';
export type SyncState = 'running' | 'completed' | 'failed';

/** One problem met during a sync: a contact skipped, or the error that stopped it. */
export interface SyncProblem {
  code: string;
  message: string;
  /** The contact concerned, when there is one (its Graph id, never its details). */
  contactId?: string;
}

/** A sync as recorded in the mailbox's history. */
export interface SyncRecord {
  syncId: string;
  trigger: SyncTrigger;
  full: boolean;
  state: SyncState;
  startedAt: string;
  endedAt: string;
  counts: SyncCounts;
  graphRequests: number;
  tableTransactions: number;
  /** How many times the sync was resumed after a crash or an error. */
  resumes: number;
  /** A sample of the problems (≤ {@link MAX_PROBLEMS}, one per code and contact); the latest error last. */
  problems: SyncProblem[];
  /** Every problem counted per code: each skipped contact under its reason, each failed attempt's error. */
  problemCounts?: ProblemCounts;
}

/** Problems kept per sync: enough to act on, small enough for one entity. */
export const MAX_PROBLEMS = 50;
const MAX_TICKS = 9_999_999_999_999;

/** The history of syncs per mailbox, newest first (row keys are inverted start times). */
export class SyncHistoryRepository {
  constructor(private readonly client: TableClient, private readonly meter: TableWriteMeter) {}

  /** A history row key that sorts newer syncs first. */
  static historyKey(startedAtMs: number, syncId: string): string {
    return `${String(MAX_TICKS - startedAtMs).padStart(13, '0')}_${syncId}`;
  }

  newRecord(syncId: string, trigger: SyncTrigger, full: boolean, startedAt: string): SyncRecord {
    return {
      syncId, trigger, full, state: 'running', startedAt, endedAt: '', counts: zeroCounts(),
      graphRequests: 0, tableTransactions: 0, resumes: 0, problems: [], problemCounts: {},
    };
  }

  async save(mailbox: MailboxRef, historyKey: string, record: SyncRecord): Promise<void> {
    this.meter.transactions += 1;
    await this.client.upsertEntity({
      partitionKey: mailboxPartitionKey(mailbox),
      rowKey: historyKey,
      ...record,
      counts: JSON.stringify(record.counts),
      problems: problemsJson(record.problems.slice(-MAX_PROBLEMS)),
      problemCounts: JSON.stringify(record.problemCounts ?? {}),
    }, 'Replace');
  }

  async get(mailbox: MailboxRef, historyKey: string): Promise<SyncRecord | undefined> {
    try {
      return fromEntity(await this.client.getEntity(mailboxPartitionKey(mailbox), historyKey));
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  /** The newest `top` syncs of the mailbox. */
  async list(mailbox: MailboxRef, top: number): Promise<SyncRecord[]> {
    const records: SyncRecord[] = [];
    const pages = this.client.listEntities({
      queryOptions: { filter: `PartitionKey eq '${mailboxPartitionKey(mailbox).replace(/'/g, "''")}'` },
    }).byPage({ maxPageSize: top });
    for await (const page of pages) {
      records.push(...page.map(fromEntity));
      if (records.length >= top) break;
    }
    return records.slice(0, top);
  }
}

function fromEntity(entity: Record<string, unknown>): SyncRecord {
  return {
    syncId: textField(entity.syncId),
    trigger: textField(entity.trigger, 'manual') as SyncTrigger,
    full: entity.full === true,
    state: textField(entity.state, 'failed') as SyncState,
    startedAt: textField(entity.startedAt),
    endedAt: textField(entity.endedAt),
    counts: parseCounts(entity.counts),
    graphRequests: numberField(entity.graphRequests),
    tableTransactions: numberField(entity.tableTransactions),
    resumes: numberField(entity.resumes),
    problems: parseProblems(entity.problems),
    problemCounts: parseProblemCounts(entity.problemCounts),
  };
}

/** A string property holds 32K UTF-16 characters; escaped ids can make a sample longer than that. */
const MAX_PROBLEMS_JSON = 30_000;

function problemsJson(problems: SyncProblem[]): string {
  const kept = [...problems];
  for (let json = JSON.stringify(kept); ; json = JSON.stringify(kept)) {
    if (json.length <= MAX_PROBLEMS_JSON || kept.length === 0) return json;
    // The oldest contact problem goes first; the errors (no contact) stay.
    const index = kept.findIndex((problem) => problem.contactId);
    kept.splice(Math.max(index, 0), 1);
  }
}

function parseProblems(json: unknown): SyncProblem[] {
  try {
    const parsed: unknown = JSON.parse(typeof json === 'string' ? json : '[]');
    return Array.isArray(parsed) ? (parsed as SyncProblem[]) : [];
  } catch {
    return [];
  }
}
