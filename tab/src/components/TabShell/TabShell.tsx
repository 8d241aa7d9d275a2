import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, Tab, TabList, Text } from '@fluentui/react-components';
import { Suspense, lazy, useState } from 'react';
import { useServices } from '../../app/appServices';
import { ContactsPage } from '../ContactsPage/ContactsPage';
import { DisconnectPage } from '../DisconnectPage/DisconnectPage';
import { DuplicatesPage } from '../DuplicatesPage/DuplicatesPage';
import { HistoryPage } from '../HistoryPage/HistoryPage';
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
  if (me.integrationEnabled === false) return <NotSetUp isAdmin={me.isAdmin} />;
  return (
    <main className={styles.root}>
      <Text as="h1" size={600} weight="semibold">Outlook Contact Sync</Text>
      <TabList className={styles.tabs} selectedValue={page} onTabSelect={(_e, data) => setPage(data.value as Page)} aria-label="Pages">
        <Tab value="contacts">Contacts</Tab>
        <Tab value="duplicates">Duplicates</Tab>
        <Tab value="history">History</Tab>
        <Tab value="disconnect">Disconnect</Tab>
        {me.isAdmin && <Tab value="admin">Admin settings</Tab>}
      </TabList>
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
