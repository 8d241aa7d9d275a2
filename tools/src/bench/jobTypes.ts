/** Where the local parts listen; passed to every child run. */
export interface BenchEndpoints {
  /** The simulator's `GRAPH_BASE_URL`, e.g. `http://127.0.0.1:41234/v1.0`. */
  graphBaseUrl: string;
  /** Azurite's connection string. */
  storageConnection: string;
}

/** What every child run needs: the mailbox and the table prefix it writes under. */
interface JobBase {
  endpoints: BenchEndpoints;
  tenantId: string;
  userId: string;
  /** Each run gets its own tables (`<prefix>contacts`…), so runs never see each other's rows. */
  tablePrefix: string;
}

/** One engine sync (`SyncService.run`), initial or incremental depending on what the tables hold. */
export interface SyncJob extends JobBase {
  kind: 'sync';
}

/** The I/O floor: the same Graph pages and the same table batches, with no sync logic. */
export interface FloorJob extends JobBase {
  kind: 'floor';
  /** Delta link per folder id to start from (an incremental sync of these folders); absent: a first sync. */
  startLinks?: Record<string, string>;
  /** The engine's stored `contactFolders/delta` link (an incremental sync reads the folder tree from it). */
  folderTreeLink?: string;
  /**
   * Put before every row key written. Azurite's cost per write grows with the partition's size, so an
   * incremental floor writes into the synced copy's own partition, under keys the engine never reads.
   */
  rowKeyPrefix?: string;
}

/** A job for `runner.ts`. */
export type BenchJob = SyncJob | FloorJob;

/** What a child run reports (one JSON line on stdout). */
export interface JobResult {
  /** Wall time of the work only (module loading and process start excluded). */
  seconds: number;
  /** Graph requests the run sent, by its own count. */
  graphRequests: number;
  /** Table write requests (each transaction or single write counts one). */
  tableTransactions: number;
  /** `process.resourceUsage().maxRSS` of the child, in MB. */
  peakRssMb: number;
  /** Run-specific figures (sync counts, pages and entities written…). */
  detail: Record<string, unknown>;
}
