import type { SyncCommandsPort, SyncStartOutcome, SyncStatusSummary } from '@contact-sync/bot';
import { toAppError } from '../errors/appError';
import type { ScheduleReader } from '../schedule/scheduleService';
import type { SyncRequestService } from '../services/syncRequestService';
import type { SyncStatusService } from '../services/syncStatusService';

/**
 * The bot's commands over the API's use cases: `sync contacts` is the same queued sync as the tab's, on the
 * user's stored delegated consent (trigger `bot`); the answer is decided on error codes only. `sync status`
 * also tells the user's schedule (`off` when never chosen).
 */
export function syncCommands(
  requests: Pick<SyncRequestService, 'requestBackgroundSync'>, status: Pick<SyncStatusService, 'status'>, schedules: ScheduleReader,
): SyncCommandsPort {
  return {
    async startSync(user): Promise<SyncStartOutcome> {
      try {
        const { syncId } = await requests.requestBackgroundSync(user, 'bot');
        return { kind: 'started', syncId };
      } catch (error) {
        const appError = toAppError(error);
        if (appError.code === 'sync_running') return { kind: 'running' };
        if (appError.code === 'reconnect_needed' || appError.code === 'consent_required') return { kind: 'connect' };
        throw appError;
      }
    },
    async status(user): Promise<SyncStatusSummary> {
      // The status reads the caller's mailbox only (tenant and user id); the bot has no SSO token to give.
      const [view, schedule] = await Promise.all([
        status.status({ ...user, name: '', upn: '', roles: [], scopes: [], rawToken: '' }), schedules.read(user),
      ]);
      return {
        state: view.state, counts: view.counts, startedAt: view.startedAt, endedAt: view.endedAt, error: view.error,
        schedule: schedule ?? { kind: 'off' },
      };
    },
  };
}
