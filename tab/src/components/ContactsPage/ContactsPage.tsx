import { useCallback, useState } from 'react';
import { ContactList } from '../ContactList/ContactList';
import { SyncPanel } from '../SyncPanel/SyncPanel';
import { useContactsPageStyles } from './ContactsPage.styles';

/** The personal tab: Outlook Sync and the synced contacts (reloaded when a sync ends). */
export function ContactsPage() {
  const styles = useContactsPageStyles();
  const [reloadKey, setReloadKey] = useState(0);
  const onFinished = useCallback(() => setReloadKey((key) => key + 1), []);
  return (
    <div className={styles.root}>
      <SyncPanel onFinished={onFinished} />
      <ContactList reloadKey={reloadKey} />
    </div>
  );
}
