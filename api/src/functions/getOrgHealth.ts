import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';
import { healthQuery } from '../http/requestSchemas';
import { parseQuery } from '../http/requestValidation';

/**
 * `GET /api/org/health?top=&continuationToken=` → 200 `{ counts, users, continuationToken? }`: the sync
 * health of the caller's own tenant's users; `ContactSync.Admin` only (403).
 */
export const getOrgHealth: CallerHandler = async (request, caller, services) => {
  const { top, continuationToken } = parseQuery(healthQuery, request);
  return json(await services.orgHealth.health(caller, { top, continuationToken }));
};

app.http('getOrgHealth', { methods: ['GET'], route: 'org/health', authLevel: 'anonymous', handler: withCaller('enabledTenant', getOrgHealth) });
