import { useCallback, useEffect, useRef, useState } from 'react';
import type { SyncStatus } from '../../api/apiTypes';
import { useServices } from '../../app/appServices';
import { codeOf, userMessageOf, type UserMessage } from '../../app/errorMessages';

/** Where the Outlook Sync button is. */
export type SyncPhase = 'loading' | 'idle' | 'starting' | 'running' | 'consent' | 'error';

/** The state of {@link useSyncPanel}. */
export interface SyncPanelState {
  phase: SyncPhase;
  /** The current or last sync. */
  status?: SyncStatus;
  /** Why the user must act (consent) or what failed. */
  message?: UserMessage;
  sync: () => void;
  /** Runs the consent popup; must be called from a click. Retries the sync when the user consented. */
  connect: () => void;
}

const CONSENT_CODES = new Set(['consent_required', 'reconnect_needed']);

/**
 * The Outlook Sync flow: start, consent when the API asks for it (then retry on its own), and progress polled
 * from GET /api/sync/status until the sync ends. A sync already running is shown, not refused.
 */
export function useSyncPanel(onFinished: () => void, onStatus?: (status: SyncStatus) => void): SyncPanelState {
  const { api, host, pollMs } = useServices();
  const [state, setState] = useState<Omit<SyncPanelState, 'sync' | 'connect'>>({ phase: 'loading' });
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const alive = useRef(true);
  const sawRunning = useRef(false);
  const finished = useRef(onFinished);
  finished.current = onFinished;
  const statusSeen = useRef(onStatus);
  statusSeen.current = onStatus;

  const poll = useCallback(async (): Promise<void> => {
    try {
      const status = await api.syncStatus();
      if (!alive.current) return;
      statusSeen.current?.(status);
      if (status.state === 'queued' || status.state === 'running') {
        sawRunning.current = true;
        setState({ phase: 'running', status });
        timer.current = setTimeout(() => void poll(), pollMs);
        return;
      }
      setState({ phase: 'idle', status });
      // Only a sync seen running changes the contacts; the first status read must not reload the list.
      if (sawRunning.current) finished.current();
      sawRunning.current = false;
    } catch (error) {
      if (alive.current) setState((s) => ({ ...s, phase: 'error', message: userMessageOf(error) }));
    }
  }, [api, pollMs]);

  const sync = useCallback(() => {
    setState((s) => ({ phase: 'starting', status: s.status }));
    api.startSync().then(() => { sawRunning.current = true; return poll(); }, (error: unknown) => {
      if (!alive.current) return undefined;
      const code = codeOf(error);
      if (CONSENT_CODES.has(code)) return setState((s) => ({ phase: 'consent', status: s.status, message: userMessageOf(error) }));
      if (code === 'sync_running') return poll();
      setState((s) => ({ phase: 'error', status: s.status, message: userMessageOf(error) }));
      return undefined;
    });
  }, [api, poll]);

  const connect = useCallback(() => {
    // No await before host.consent(): the popup must open inside the click's task or the browser blocks it.
    host.consent().then(() => sync(), (error: unknown) => {
      if (alive.current) setState((s) => ({ phase: 'consent', status: s.status, message: userMessageOf(error) }));
    });
  }, [host, sync]);

  useEffect(() => {
    alive.current = true;
    void poll();
    return () => {
      alive.current = false;
      clearTimeout(timer.current);
    };
  }, [poll]);

  return { ...state, sync, connect };
}
