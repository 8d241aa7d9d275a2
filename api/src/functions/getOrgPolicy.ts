import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';

/** `GET /api/org/policy` → 200 `{ whoMaySync, allowedSchedules }` (the default until saved); admins only. */
export const getOrgPolicy: CallerHandler = async (_request, caller, services) => json(await services.tenantSettings.getPolicy(caller));

app.http('getOrgPolicy', { methods: ['GET'], route: 'org/policy', authLevel: 'anonymous', handler: withCaller('anyTenant', getOrgPolicy) });
