import { useCallback, useState } from 'react';
import { useServices } from '../../app/appServices';
import { ContactList } from '../ContactList/ContactList';
import { SchedulePicker } from '../SchedulePicker/SchedulePicker';
import { SyncPanel } from '../SyncPanel/SyncPanel';
import { useContactsPageStyles } from './ContactsPage.styles';

/** The personal tab: Outlook Sync, the user's schedule (when they may sync) and the synced contacts (reloaded when a sync ends). */
export function ContactsPage() {
  const styles = useContactsPageStyles();
  const { me } = useServices();
  const [reloadKey, setReloadKey] = useState(0);
  const onFinished = useCallback(() => setReloadKey((key) => key + 1), []);
  return (
    <div className={styles.root}>
      <SyncPanel onFinished={onFinished} />
      {me.maySync && <SchedulePicker />}
      <ContactList reloadKey={reloadKey} />
    </div>
  );
}
