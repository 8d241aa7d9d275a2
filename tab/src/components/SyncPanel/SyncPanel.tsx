import { Button, ProgressBar, Text } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { SyncStatus } from '../../api/apiTypes';
import { ErrorNotice } from '../ErrorNotice/ErrorNotice';
import { useSyncPanelStyles } from './SyncPanel.styles';
import { formatTime, progressText, resultText } from './syncText';
import { type SyncPhase, useSyncPanel } from './useSyncPanel';

/** Props of {@link SyncPanel}. */
export interface SyncPanelProps {
  /** Called when a sync ends (the contact list reloads). */
  onFinished: () => void;
  /** Called with every status read (the contact list follows a running sync). */
  onStatus?: (status: SyncStatus) => void;
  /** Called when the flow's phase changes (a sync being started is not shown by a status yet). */
  onPhase?: (phase: SyncPhase) => void;
}

/** The Outlook Sync button, consent, live progress and the last result. */
export function SyncPanel({ onFinished, onStatus, onPhase }: SyncPanelProps) {
  const styles = useSyncPanelStyles();
  const { phase, status, message, sync, connect } = useSyncPanel(onFinished, onStatus);
  useEffect(() => onPhase?.(phase), [phase, onPhase]);
  const busy = phase === 'starting' || phase === 'running' || phase === 'loading';
  const firstUse = status?.state === 'none' && phase !== 'running';
  return (
    <section className={styles.root} aria-label="Outlook Sync">
      {firstUse && (
        <div className={styles.intro}>
          <Text as="h2" weight="semibold" size={400} block>Bring your Outlook contacts into Teams</Text>
          <Text block>
            Outlook Sync reads the contacts in your Outlook mailbox (names, phone numbers and email addresses) and keeps a copy
            here, so you can find them in Teams. It never changes anything in Outlook. The first time, Outlook asks you to allow this.
          </Text>
        </div>
      )}
      <div className={styles.actions}>
        {phase === 'consent'
          ? <Button appearance="primary" onClick={connect}>Connect Outlook</Button>
          : <Button appearance="primary" onClick={sync} disabled={busy}>Outlook Sync</Button>}
        <Text className={styles.counts}>Last sync: {formatTime(status?.endedAt)}</Text>
      </div>
      {phase === 'consent' && message && <ErrorNotice intent="warning" message={message} />}
      {phase === 'error' && message && <ErrorNotice message={message} onRetry={sync} />}
      {phase === 'running' && status && <ProgressBar aria-label="Sync progress" thickness="large" />}
      <div role="status" aria-live="polite">
        {phase === 'running' && status && <Text>{progressText(status)}</Text>}
        {phase === 'starting' && <Text>Starting the sync…</Text>}
        {phase !== 'running' && phase !== 'starting' && status?.state === 'completed' && <Text weight="semibold">{resultText(status)}</Text>}
        {phase !== 'running' && status?.state === 'failed' && status.error && (
          <Text>The last sync stopped: {status.error.message} Select Outlook Sync to continue it.</Text>
        )}
      </div>
    </section>
  );
}
