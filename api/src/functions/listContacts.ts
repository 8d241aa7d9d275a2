import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';
import { contactsQuery } from '../http/requestSchemas';
import { parseQuery } from '../http/requestValidation';

/** `GET /api/contacts?search=&top=&skip=` → 200 `{ contacts, more }`: the caller's stored contacts. */
export const listContacts: CallerHandler = async (request, caller, services) => {
  const { search, top, skip } = parseQuery(contactsQuery, request);
  return json(await services.contacts.search(caller, { text: search, top, skip }));
};

app.http('listContacts', { methods: ['GET'], route: 'contacts', authLevel: 'anonymous', handler: withCaller('enabledTenant', listContacts) });
