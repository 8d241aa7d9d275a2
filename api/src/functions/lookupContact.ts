import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';
import { lookupQuery } from '../http/requestSchemas';
import { parseQuery } from '../http/requestValidation';

/**
 * `GET /api/contacts/lookup?number=` → 200 `{ matches }`: the caller's contacts with an incoming number,
 * in any common format (national numbers in the tenant's default region); one keyed read.
 */
export const lookupContact: CallerHandler = async (request, caller, services) => {
  const { number } = parseQuery(lookupQuery, request);
  return json(await services.phonebook.lookup(caller, number));
};

app.http('lookupContact', { methods: ['GET'], route: 'contacts/lookup', authLevel: 'anonymous', handler: withCaller('enabledTenant', lookupContact) });
