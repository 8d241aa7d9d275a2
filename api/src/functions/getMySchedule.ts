import { app } from '@azure/functions';
import { type CallerHandler, json, withCaller } from '../http/callerHandler';

/** `GET /api/me/schedule` → 200 `{ kind, everyHours?, dailyAt?, timeZone?, nextRunAt?, reconnectNeeded? }` (`off` until chosen). */
export const getMySchedule: CallerHandler = async (_request, caller, services) => json(await services.schedules.get(caller));

app.http('getMySchedule', { methods: ['GET'], route: 'me/schedule', authLevel: 'anonymous', handler: withCaller('enabledTenant', getMySchedule) });
