import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';
import { disconnectBody } from '../http/requestSchemas';
import { parseJsonBody } from '../http/requestValidation';

/**
 * `DELETE /api/me/connection` `{ eraseContacts }` → 200 `{ disconnected: true, erased: { contacts, rows } }`:
 * erases the caller's stored Outlook grant at once and, with `eraseContacts`, everything synced for them.
 * 409 `sync_running` (with `details.syncId`) when erasing while a sync holds the mailbox.
 */
export const deleteMeConnection: CallerHandler = async (request, caller, services) => {
  const { eraseContacts } = await parseJsonBody(disconnectBody, request);
  return json(await services.disconnect.disconnect(caller, { eraseContacts }));
};

app.http('deleteMeConnection', { methods: ['DELETE'], route: 'me/connection', authLevel: 'anonymous', handler: withCaller('enabledTenant', deleteMeConnection) });
