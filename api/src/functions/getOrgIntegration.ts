import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';

/**
 * `GET /api/org/integration` → 200 the caller's tenant's Outlook integration; 404 `integration_missing`
 * before an admin saved one; 403 `forbidden` without `ContactSync.Admin`. (Not under `/api/admin`:
 * Azure Functions reserves routes that start with `admin`.)
 */
export const getOrgIntegration: CallerHandler = async (_request, caller, services) => json(await services.tenantSettings.getIntegration(caller));

app.http('getOrgIntegration', { methods: ['GET'], route: 'org/integration', authLevel: 'anonymous', handler: withCaller('anyTenant', getOrgIntegration) });
