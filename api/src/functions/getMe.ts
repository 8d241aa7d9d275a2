import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';

/**
 * `GET /api/me` → 200 `{ tenantId, userId, displayName, isAdmin, maySync, connected, reconnectNeeded,
 * lastSync?, schedule? }`: the tab's first call, for any signed-in user of an enabled tenant.
 */
export const getMe: CallerHandler = async (_request, caller, services) => json(await services.me.me(caller));

app.http('getMe', { methods: ['GET'], route: 'me', authLevel: 'anonymous', handler: withCaller('enabledTenant', getMe) });
