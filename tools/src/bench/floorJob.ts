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
  const folders = await listFolders(graph, job);
  // As the engine: the first pages of all incremental rounds go out together, 20 to a $batch.
  const links = job.startLinks ?? {};
  const first = job.startLinks ? await graph.deltaPages(folders.map((folder) => links[folder.id] ?? '')) : [];
  const firstOf = new Map(folders.map((folder, i) => [folder.id, first[i]]));
  const pages = await inPool(folders, FOLDER_CONCURRENCY, (folder) => {
    const link = links[folder.id];
    return floorRound(graph, writer, folder, link ?? graph.initialDeltaUrl(folder.id), link ? 'upsert' : 'create', firstOf.get(folder.id));
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds, graphRequests: graph.requests, tableTransactions: writer.transactions,
    detail: { folders: folders.length, pages: pages.reduce((a, b) => a + b, 0), entities: writer.entities },
  };
}

/**
 * The folders as the engine finds them: a first sync walks the tree and reads a full folder delta round; an
 * incremental one reads the folder delta from the engine's stored link (one request when nothing changed).
 */
async function listFolders(graph: FloorGraph, job: FloorJob): Promise<FloorFolder[]> {
  if (!job.startLinks) {
    const folders = await graph.listFolders();
    await graph.folderDeltaRound();
    return folders;
  }
  await graph.folderDeltaRound(job.folderTreeLink);
  return Object.keys(job.startLinks).map((id) => ({ id, displayName: '' }));
}

/** One folder's round to its delta link; returns the number of pages. */
async function floorRound(graph: FloorGraph, writer: FloorWriter, folder: FloorFolder, url: string, mode: WriteMode, first?: GraphPage): Promise<number> {
  let fetching: Promise<Settled> | undefined = first ? Promise.resolve({ page: first }) : settle(graph.deltaPage(url));
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
