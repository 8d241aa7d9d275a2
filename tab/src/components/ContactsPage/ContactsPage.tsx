import { Text } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { SyncStatus } from '../../api/apiTypes';
import { useServices } from '../../app/appServices';
import { ContactList } from '../ContactList/ContactList';
import { SchedulePicker } from '../SchedulePicker/SchedulePicker';
import { SyncPanel } from '../SyncPanel/SyncPanel';
import type { SyncPhase } from '../SyncPanel/useSyncPanel';
import { useContactsPageStyles } from './ContactsPage.styles';

/**
 * The personal tab: Outlook Sync, the user's schedule (when they may sync) and the synced contacts (reloaded when a
 * sync ends, and as contacts are stored while the list shows less than a page).
 */
export function ContactsPage() {
  const styles = useContactsPageStyles();
  const { me } = useServices();
  const [reloadKey, setReloadKey] = useState(0);
  const [importing, setImporting] = useState<{ stored: number }>();
  // Between the click and the first status of the new sync the list already says a sync is coming.
  const [starting, setStarting] = useState(false);
  const onPhase = useCallback((phase: SyncPhase) => setStarting(phase === 'starting'), []);
  const onFinished = useCallback(() => setReloadKey((key) => key + 1), []);
  const onStatus = useCallback((status: SyncStatus) => {
    const running = status.state === 'queued' || status.state === 'running';
    setImporting((now) => (!running ? undefined : now?.stored === status.contactsStored ? now : { stored: status.contactsStored }));
  }, []);
  return (
    <div className={styles.root}>
      <SyncPanel onFinished={onFinished} onStatus={onStatus} onPhase={onPhase} />
      {me.maySync && <SchedulePicker />}
      {me.instantSync && (
        <Text role="note">
          Instant sync is on: a change you make in Outlook shows here within a minute
          ({me.instantSync.folders} {me.instantSync.folders === 1 ? 'contact folder' : 'contact folders'} watched).
        </Text>
      )}
      <ContactList reloadKey={reloadKey} importing={importing ?? (starting ? { stored: 0 } : undefined)} />
    </div>
  );
}
