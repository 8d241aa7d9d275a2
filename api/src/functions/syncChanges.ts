import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';
import { changesQuery } from '../http/requestSchemas';
import { parseQuery } from '../http/requestValidation';

/**
 * `GET /api/sync/history/{syncId}/changes?top=&continuationToken=` → 200 `{ changes, continuationToken? }`:
 * what one of the caller's syncs changed per contact (a key range of the caller's own partition).
 */
export const syncChanges: CallerHandler = async (request, caller, services) => {
  const { top, continuationToken } = parseQuery(changesQuery, request);
  return json(await services.phonebook.changes(caller, request.params.syncId ?? '', top, continuationToken));
};

app.http('syncChanges', { methods: ['GET'], route: 'sync/history/{syncId}/changes', authLevel: 'anonymous', handler: withCaller('enabledTenant', syncChanges) });
