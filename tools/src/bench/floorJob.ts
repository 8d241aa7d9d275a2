import { TableClient } from '@azure/data-tables';
import { mailboxPartitionKey } from '../../../api/src/storage/tableKeys';
import { simToken } from '../graphSimulator/authentication';
import { Gate, inPool } from './concurrency';
import { type FloorFolder, FloorGraph, type GraphPage } from './floorGraph';
import { FloorWriter, type WriteMode } from './floorWriter';
import type { FloorJob, JobResult } from './jobTypes';

/** The engine's limits: folder rounds side by side, and Graph requests in flight per mailbox. */
const FOLDER_CONCURRENCY = 4;
const GRAPH_CONCURRENCY = 4;

/**
 * The I/O floor of a sync: list the folders, then up to 4 folder rounds at once, each fetching its next page
 * while the current one is written. Nothing is read from the table, mapped, classified or reconciled.
 */
export async function runFloorJob(job: FloorJob): Promise<Omit<JobResult, 'peakRssMb'>> {
  const client = TableClient.fromConnectionString(job.endpoints.storageConnection, `${job.tablePrefix}contacts`, { allowInsecureConnection: true });
  const graph = new FloorGraph(job.endpoints.graphBaseUrl, simToken(job.tenantId, job.userId), new Gate(GRAPH_CONCURRENCY));
  const writer = new FloorWriter(client, mailboxPartitionKey({ tenantId: job.tenantId, userId: job.userId }), job.rowKeyPrefix);
  const started = performance.now();
  await client.createTable();
  const folders = await graph.listFolders();
  const pages = await inPool(folders, FOLDER_CONCURRENCY, (folder) => {
    const link = job.startLinks?.[folder.id];
    return floorRound(graph, writer, folder, link ?? graph.initialDeltaUrl(folder.id), link ? 'upsert' : 'create');
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds, graphRequests: graph.requests, tableTransactions: writer.transactions,
    detail: { folders: folders.length, pages: pages.reduce((a, b) => a + b, 0), entities: writer.entities },
  };
}

/** One folder's round to its delta link; returns the number of pages. */
async function floorRound(graph: FloorGraph, writer: FloorWriter, folder: FloorFolder, url: string, mode: WriteMode): Promise<number> {
  let fetching: Promise<Settled> | undefined = settle(graph.deltaPage(url));
  let pages = 0;
  while (fetching) {
    const result: Settled = await fetching;
    if ('error' in result) throw result.error;
    const next: string | undefined = result.page['@odata.nextLink'];
    fetching = next ? settle(graph.deltaPage(next)) : undefined;
    pages += 1;
    // As the engine: a delta round that finds nothing in one page keeps the stored link and writes nothing.
    if (mode === 'upsert' && pages === 1 && !next && result.page.value.length === 0) break;
    await writer.writePage(folder, result.page, pages, mode);
  }
  return pages;
}

type Settled = { page: GraphPage } | { error: unknown };

/** A prefetched page never rejects unobserved. */
function settle(promise: Promise<GraphPage>): Promise<Settled> {
  return promise.then((page) => ({ page }), (error: unknown) => ({ error }));
}
