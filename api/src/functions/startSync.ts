import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';
import { startSyncBody } from '../http/requestSchemas';
import { parseJsonBody } from '../http/requestValidation';

/** Where the tab polls a sync it started. */
export const STATUS_PATH = '/api/sync/status';

/**
 * `POST /api/sync` `{ full?: boolean }` → 202 `{ syncId, statusUrl }`: queues a sync of the caller's own
 * mailbox. 403 `consent_required` (the tab shows the consent popup), 403 `forbidden` (policy), 409
 * `sync_running` with `details.syncId`, 429 `throttled` with Retry-After.
 */
export const startSync: CallerHandler = async (request, caller, services) => {
  services.rateLimits.check('sync', caller);
  const { full } = await parseJsonBody(startSyncBody, request);
  const { syncId } = await services.syncRequests.requestSync(caller, { full });
  return { ...json({ syncId, statusUrl: STATUS_PATH }, 202), headers: { location: STATUS_PATH } };
};

app.http('startSync', { methods: ['POST'], route: 'sync', authLevel: 'anonymous', handler: withCaller('enabledTenant', startSync) });
