import { loadSyncConfig } from '../../../api/src/config';
import { createSyncService } from '../../../api/src/sync/syncServiceFactory';
import { simToken } from '../graphSimulator/authentication';
import type { JobResult, SyncJob } from './jobTypes';

/**
 * Long enough that no bench sync renews its lease. Renewal races when several folder rounds find it due at
 * once (the second ETag write gets 412: "lost its lease"); the first 100,000-contact run on Azurite (> 30 s)
 * failed that way. Back to the default once `renewIfDue` is serialised.
 */
const BENCH_LEASE_MS = 6 * 60 * 60_000;

/** Runs one engine sync as the CLI wires it (Graph SDK + Table Storage; lease: see above), timing only `run()`. */
export async function runSyncJob(job: SyncJob): Promise<Omit<JobResult, 'peakRssMb'>> {
  const config = loadSyncConfig({
    AzureWebJobsStorage: job.endpoints.storageConnection,
    TABLE_PREFIX: job.tablePrefix,
    GRAPH_BASE_URL: job.endpoints.graphBaseUrl,
  });
  const token = simToken(job.tenantId, job.userId);
  const service = createSyncService({ config, leaseMs: BENCH_LEASE_MS, tokenFor: () => () => Promise.resolve(token) });
  const started = performance.now();
  const summary = await service.run({ mailbox: { tenantId: job.tenantId, userId: job.userId }, trigger: 'cli' });
  const seconds = (performance.now() - started) / 1000;
  const { graphRequests, tableTransactions, syncId: _syncId, durationMs: _durationMs, ...counts } = summary;
  return { seconds, graphRequests, tableTransactions, detail: counts };
}
