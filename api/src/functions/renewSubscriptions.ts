import { app, type InvocationContext, type Timer } from '@azure/functions';
import { appServices } from '../composition';

/**
 * Every 30 minutes: renews the Graph subscriptions of the mailboxes whose daily renewal is due (they live
 * 70 hours, so two days of failed runs still leave them alive) and queues a safety sync for a mailbox with no
 * completed sync in 20 hours. Azure runs a timer on one instance at a time; a renewal run twice is harmless.
 */
export async function renewSubscriptions(timer: Timer, context: InvocationContext): Promise<void> {
  const report = await appServices().renewals.run();
  context.log(`Renewals: due=${report.due} renewed=${report.renewed} off=${report.off} reconnectNeeded=${report.reconnectNeeded} `
    + `failed=${report.failed} safetySyncs=${report.safetySyncs}${timer.isPastDue ? ' pastDue' : ''}`);
}

app.timer('renewSubscriptions', { schedule: '0 10,40 * * * *', handler: renewSubscriptions });
