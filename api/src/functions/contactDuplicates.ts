import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';
import { duplicatesQuery } from '../http/requestSchemas';
import { parseQuery } from '../http/requestValidation';

/**
 * `GET /api/contacts/duplicates?top=` → 200 `{ duplicates: [{ kind: 'phone'|'email', value, contacts, total }] }`:
 * the caller's contacts that share an E.164 number or an email address (the list each sync keeps; the
 * first 10 contacts of each group, and how many share it).
 */
export const contactDuplicates: CallerHandler = async (request, caller, services) => {
  const { top } = parseQuery(duplicatesQuery, request);
  services.rateLimits.check('search', caller);
  return json(await services.phonebook.duplicates(caller, top));
};

app.http('contactDuplicates', { methods: ['GET'], route: 'contacts/duplicates', authLevel: 'anonymous', handler: withCaller('enabledTenant', contactDuplicates) });
