import { loadSyncConfig } from '../../../api/src/config';
import { createSyncService } from '../../../api/src/sync/syncServiceFactory';
import { simToken } from '../graphSimulator/authentication';
import type { JobResult, SyncJob } from './jobTypes';

/** Runs one engine sync as the CLI wires it (Graph SDK + Table Storage, the default lease), timing only `run()`. */
export async function runSyncJob(job: SyncJob): Promise<Omit<JobResult, 'peakRssMb'>> {
  const config = loadSyncConfig({
    AzureWebJobsStorage: job.endpoints.storageConnection,
    TABLE_PREFIX: job.tablePrefix,
    GRAPH_BASE_URL: job.endpoints.graphBaseUrl,
  });
  const token = simToken(job.tenantId, job.userId);
  const service = createSyncService({ config, tokenFor: () => () => Promise.resolve(token) });
  const started = performance.now();
  const summary = await service.run({ mailbox: { tenantId: job.tenantId, userId: job.userId }, trigger: 'cli' });
  const seconds = (performance.now() - started) / 1000;
  const { graphRequests, tableTransactions, syncId: _syncId, durationMs: _durationMs, ...counts } = summary;
  return { seconds, graphRequests, tableTransactions, detail: counts };
}
