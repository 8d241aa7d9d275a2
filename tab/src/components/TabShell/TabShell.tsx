import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text } from '@fluentui/react-components';
import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import { useServices } from '../../app/appServices';
import { ContactsPage } from '../ContactsPage/ContactsPage';
import { DisconnectPage } from '../DisconnectPage/DisconnectPage';
import { DuplicatesPage } from '../DuplicatesPage/DuplicatesPage';
import { HistoryPage } from '../HistoryPage/HistoryPage';
import { PageTabs, type PageTab } from './PageTabs';
import { useTabShellStyles } from './TabShell.styles';

// The admin pages are a separate chunk: most users never load them.
const AdminPage = lazy(() => import('../AdminPage/AdminPage'));

type Page = 'contacts' | 'duplicates' | 'history' | 'disconnect' | 'admin';
const PAGE_NAMES: Record<Page, string> = { contacts: 'Contacts', duplicates: 'Duplicates', history: 'History', disconnect: 'Disconnect', admin: 'Admin settings' };

/** The pages, behind a tab list; Admin settings only for admins. */
export function TabShell() {
  const styles = useTabShellStyles();
  const { me } = useServices();
  const [page, setPage] = useState<Page>('contacts');
  const justSetUp = useJustSetUp(me.integrationEnabled, () => setPage('admin'));
  if (me.integrationEnabled === false) return <NotSetUp isAdmin={me.isAdmin} />;
  const pages: Array<PageTab<Page>> = (Object.keys(PAGE_NAMES) as Page[])
    .filter((value) => value !== 'admin' || me.isAdmin).map((value) => ({ value, name: PAGE_NAMES[value] }));
  return (
    <main className={styles.root}>
      <Text as="h1" size={600} weight="semibold">Outlook Contact Sync</Text>
      {justSetUp && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>Outlook Sync is set up for your organisation: people can sync now.</MessageBarBody>
        </MessageBar>
      )}
      <PageTabs pages={pages} selected={page} onSelect={setPage} />
      <div role="tabpanel" aria-label={PAGE_NAMES[page]}>
        {page === 'contacts' && <ContactsPage />}
        {page === 'duplicates' && <DuplicatesPage />}
        {page === 'history' && <HistoryPage />}
        {page === 'disconnect' && <DisconnectPage />}
        {page === 'admin' && me.isAdmin && <Suspense fallback={<Spinner label="Loading admin settings…" />}><AdminPage /></Suspense>}
      </div>
    </main>
  );
}

/**
 * Whether the integration was saved while this tab was open (GET /api/me read again says it is enabled now):
 * then `onSetUp` runs once, and the admin stays on the settings they were in.
 */
function useJustSetUp(integrationEnabled: boolean | undefined, onSetUp: () => void): boolean {
  const wasNotSetUp = useRef(integrationEnabled === false);
  const [justSetUp, setJustSetUp] = useState(false);
  const callback = useRef(onSetUp);
  callback.current = onSetUp;
  useEffect(() => {
    if (integrationEnabled === false) wasNotSetUp.current = true;
    else if (wasNotSetUp.current) {
      wasNotSetUp.current = false;
      setJustSetUp(true);
      callback.current();
    }
  }, [integrationEnabled]);
  return justSetUp && integrationEnabled !== false;
}

/**
 * The company has not set up the Outlook integration yet: users are told who can change that; an admin gets
 * the settings that do it (nothing else works until then).
 */
function NotSetUp({ isAdmin }: { isAdmin: boolean }) {
  const styles = useTabShellStyles();
  return (
    <main className={styles.root}>
      <Text as="h1" size={600} weight="semibold">Outlook Contact Sync</Text>
      <MessageBar intent="info" role="status">
        <MessageBarBody>
          <MessageBarTitle>Outlook Sync is not set up for your organisation yet.</MessageBarTitle>
          {isAdmin
            ? 'Enter your Outlook integration below (the Entra app\'s Application (client) ID and your Directory (tenant) ID) and enable it; then everyone can sync.'
            : 'Ask your Teams admin to set up the Outlook integration in this app\'s Admin settings. Then open the app again.'}
        </MessageBarBody>
      </MessageBar>
      {isAdmin && <Suspense fallback={<Spinner label="Loading admin settings…" />}><AdminPage /></Suspense>}
    </main>
  );
}
