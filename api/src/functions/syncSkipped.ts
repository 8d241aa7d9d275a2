import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';
import { changesQuery } from '../http/requestSchemas';
import { parseQuery } from '../http/requestValidation';

/**
 * `GET /api/sync/history/{syncId}/skipped?top=&continuationToken=` → 200 `{ skipped, continuationToken? }`:
 * every contact one of the caller's syncs could not store, with its reason code (a key range of the caller's
 * own partition, paged like the change log).
 */
export const syncSkipped: CallerHandler = async (request, caller, services) => {
  const { top, continuationToken } = parseQuery(changesQuery, request);
  return json(await services.phonebook.skipped(caller, request.params.syncId ?? '', top, continuationToken));
};

app.http('syncSkipped', { methods: ['GET'], route: 'sync/history/{syncId}/skipped', authLevel: 'anonymous', handler: withCaller('enabledTenant', syncSkipped) });
