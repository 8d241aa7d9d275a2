import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';
import { historyQuery } from '../http/requestSchemas';
import { parseQuery } from '../http/requestValidation';

/** `GET /api/sync/history?top=` (1–100, default 20) → 200 `{ syncs }`: the caller's newest syncs first. */
export const syncHistory: CallerHandler = async (request, caller, services) => {
  const { top } = parseQuery(historyQuery, request);
  return json({ syncs: await services.syncStatus.history(caller, top) });
};

app.http('syncHistory', { methods: ['GET'], route: 'sync/history', authLevel: 'anonymous', handler: withCaller('enabledTenant', syncHistory) });
