import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';
import { integrationBody } from '../http/requestSchemas';
import { parseJsonBody } from '../http/requestValidation';

/**
 * `PUT /api/org/integration` `{ name, clientId, tenantId, enabled }` → 200 as stored. `tenantId` must be
 * the caller's tenant and `clientId` this app's (400 naming the field); admins only (403). Open to tenants
 * without an enabled integration: this is where an admin enables it.
 */
export const putOrgIntegration: CallerHandler = async (request, caller, services) => {
  const settings = await parseJsonBody(integrationBody, request);
  return json(await services.tenantSettings.saveIntegration(caller, settings));
};

app.http('putOrgIntegration', { methods: ['PUT'], route: 'org/integration', authLevel: 'anonymous', handler: withCaller('anyTenant', putOrgIntegration) });
