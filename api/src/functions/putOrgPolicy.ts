import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';
import { policyBody } from '../http/requestSchemas';
import { parseJsonBody } from '../http/requestValidation';

/**
 * `PUT /api/org/policy` `{ whoMaySync: 'everyone' | 'role', allowedSchedules: ('off' | 'hourly' | 'everyHours' | 'daily')[] }`
 * → 200 as stored; 400 naming the bad field; admins only (403).
 */
export const putOrgPolicy: CallerHandler = async (request, caller, services) => {
  const policy = await parseJsonBody(policyBody, request);
  return json(await services.tenantSettings.savePolicy(caller, policy));
};

app.http('putOrgPolicy', { methods: ['PUT'], route: 'org/policy', authLevel: 'anonymous', handler: withCaller('anyTenant', putOrgPolicy) });
