import { loadSyncConfig } from '../../../api/src/config';
import { toAppError } from '../../../api/src/errors/appError';
import { createSyncService } from '../../../api/src/sync/syncServiceFactory';
import { simToken } from '../graphSimulator/authentication';

/** What {@link runSyncChild} is given, as one JSON argument. */
export interface SyncChildArgs {
  storageConnection: string;
  tablePrefix: string;
  graphBaseUrl: string;
  tenantId: string;
  userId: string;
  leaseMs: number;
}

/**
 * One sync in a process of its own, so that a test can freeze it (SIGSTOP) as a stalled worker would be
 * frozen, and thaw it later. Prints one JSON line: `{ summary }` or `{ error: { code, details } }`.
 */
async function runSyncChild(args: SyncChildArgs): Promise<unknown> {
  const config = loadSyncConfig({ AzureWebJobsStorage: args.storageConnection, TABLE_PREFIX: args.tablePrefix, GRAPH_BASE_URL: args.graphBaseUrl });
  const token = simToken(args.tenantId, args.userId);
  const service = createSyncService({ config, leaseMs: args.leaseMs, tokenFor: () => () => Promise.resolve(token) });
  try {
    return { summary: await service.run({ mailbox: { tenantId: args.tenantId, userId: args.userId }, trigger: 'cli' }) };
  } catch (error) {
    const appError = toAppError(error);
    return { error: { code: appError.code, details: appError.details ?? {} } };
  }
}

void runSyncChild(JSON.parse(process.argv[2] ?? '{}') as SyncChildArgs).then((result) => {
  process.stdout.write(`${JSON.stringify(result)}\n`);
});
