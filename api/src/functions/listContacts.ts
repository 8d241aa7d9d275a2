import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';
import { contactsQuery } from '../http/requestSchemas';
import { parseQuery } from '../http/requestValidation';

/**
 * `GET /api/contacts?search=&top=&skip=` → 200 `{ contacts, more }`: the caller's stored contacts, each with
 * its `sources` (the same person's contacts merged) and `phoneBound`/`emailBound`. A search is ranked
 * through the phonebook's index; it is rate limited (429 `throttled` with Retry-After); paging is not.
 */
export const listContacts: CallerHandler = async (request, caller, services) => {
  const { search, top, skip } = parseQuery(contactsQuery, request);
  if (search) services.rateLimits.check('search', caller);
  return json(await services.phonebook.list(caller, { text: search, top, skip }));
};

app.http('listContacts', { methods: ['GET'], route: 'contacts', authLevel: 'anonymous', handler: withCaller('enabledTenant', listContacts) });
