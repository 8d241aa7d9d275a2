import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';
import { bindingsBody } from '../http/requestSchemas';
import { parseJsonBody } from '../http/requestValidation';

/**
 * `PUT /api/contacts/{id}/bindings` `{ phone?: boolean, email?: boolean }` → 200 the contact: marks the
 * values a messaging channel uses, which a sync then never overwrites; 404 `not_found` for a contact the
 * caller does not have.
 */
export const putContactBindings: CallerHandler = async (request, caller, services) => {
  const binding = await parseJsonBody(bindingsBody, request);
  return json(await services.phonebook.bind(caller, request.params.id ?? '', binding));
};

app.http('putContactBindings', { methods: ['PUT'], route: 'contacts/{id}/bindings', authLevel: 'anonymous', handler: withCaller('enabledTenant', putContactBindings) });
