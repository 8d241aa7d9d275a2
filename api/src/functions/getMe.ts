import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';

/**
 * `GET /api/me` → 200 `{ tenantId, userId, displayName, isAdmin, integrationEnabled, maySync, connected,
 * reconnectNeeded, lastSync?, schedule? }`: the tab's first call. Like the company settings, it answers any
 * allowed tenant's fully validated token, so that the tab of a company not set up yet can say so and lead its
 * admin to the settings (`integrationEnabled: false`).
 */
export const getMe: CallerHandler = async (_request, caller, services) => json(await services.me.me(caller));

app.http('getMe', { methods: ['GET'], route: 'me', authLevel: 'anonymous', handler: withCaller('anyTenant', getMe) });
