import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';

/** `GET /api/sync/status` → 200: the caller's current or last sync (`state: 'none'` before the first). */
export const syncStatus: CallerHandler = async (_request, caller, services) => json(await services.syncStatus.status(caller));

app.http('syncStatus', { methods: ['GET'], route: 'sync/status', authLevel: 'anonymous', handler: withCaller('enabledTenant', syncStatus) });
