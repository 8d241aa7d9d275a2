import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';
import { scheduleBody } from '../http/requestSchemas';
import { parseJsonBody } from '../http/requestValidation';

/**
 * `PUT /api/me/schedule` `{ kind: 'off'|'hourly'|'everyHours'|'daily', everyHours?, dailyAt?, timeZone? }` → 200
 * the schedule with `nextRunAt`; 400 naming the bad field; 403 `forbidden` when the admin policy does not
 * allow the kind; 403 `consent_required` (turning a schedule on checks the consent the runs will use).
 */
export const putMySchedule: CallerHandler = async (request, caller, services) => {
  const choice = await parseJsonBody(scheduleBody, request);
  // Turning a schedule on costs Entra an exchange, as a sync request does.
  if (choice.kind !== 'off') services.rateLimits.check('sync', caller);
  return json(await services.schedules.put(caller, choice));
};

app.http('putMySchedule', { methods: ['PUT'], route: 'me/schedule', authLevel: 'anonymous', handler: withCaller('enabledTenant', putMySchedule) });
