import { app, type InvocationContext, type Timer } from '@azure/functions';
import { appServices } from '../composition';

/**
 * Every 5 minutes (UTC, on the planner period of the schedule index): starts the scheduled syncs that are
 * due. Azure runs a timer function on one instance at a time and never starts an occurrence before the last
 * one ended; should runs still overlap, the planner's ETag claims keep each user started once.
 */
export async function planSyncs(timer: Timer, context: InvocationContext): Promise<void> {
  const report = await appServices().planner.run();
  const line = `Planner: read=${report.entriesRead} due=${report.due} claimed=${report.claimed} queued=${report.queued} running=${report.running} `
    + `reconnectNeeded=${report.reconnectNeeded} stale=${report.stale} failed=${report.failed}`
    + `${report.deferredUntil ? ` deferredUntil=${report.deferredUntil} (Graph throttles the app)` : ''}${timer.isPastDue ? ' pastDue' : ''}`;
  context.log(line);
}

app.timer('planSyncs', { schedule: '0 */5 * * * *', handler: planSyncs });
