import { Badge, Field, SearchBox, Spinner, Text, mergeClasses } from '@fluentui/react-components';
import { useEffect, useRef, useState, type UIEvent } from 'react';
import type { Contact } from '../../api/apiTypes';
import { ChannelBadge } from '../ChannelBadge/ChannelBadge';
import { ErrorNotice } from '../ErrorNotice/ErrorNotice';
import { ROW_HEIGHT, useContactListStyles } from './ContactList.styles';
import { contactName, sourcesText } from './contactText';
import { useContactList } from './useContactList';
import { virtualWindow } from './virtualWindow';

/** Props of {@link ContactList}. */
export interface ContactListProps {
  /** Changes when a sync ends: the list reloads. */
  reloadKey: number;
  /** Set while a sync runs: how many contacts it has stored so far. */
  importing?: { stored: number };
  /** Viewport height when the browser has no layout (tests); the real height otherwise. */
  fallbackHeight?: number;
}

const OVERSCAN = 10;

/** The synced contacts: search, server paging and a virtual list (only the rows in view are in the DOM). */
export function ContactList({ reloadKey, importing, fallbackHeight = 600 }: ContactListProps) {
  const styles = useContactListStyles();
  const list = useContactList(reloadKey, importing?.stored ?? 0);
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const height = viewport.current?.clientHeight || fallbackHeight;
  const view = virtualWindow(list.rows.length, ROW_HEIGHT, scrollTop, height, OVERSCAN);
  const { needRows } = list;
  useEffect(() => needRows(view.end), [view.end, needRows]);
  useEffect(() => { if (viewport.current) viewport.current.scrollTop = 0; setScrollTop(0); }, [reloadKey]);
  const onScroll = (event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop);

  return (
    <section className={styles.root} aria-label="Contacts">
      <Field label="Search contacts">
        <SearchBox value={list.search} onChange={(_e, data) => list.setSearch(data.value)} placeholder="Name, phone or email" />
      </Field>
      {list.error && <ErrorNotice message={list.error} onRetry={list.reload} />}
      <div ref={viewport} className={styles.viewport} onScroll={onScroll} tabIndex={0} role="region" aria-label="Contact list, scrollable">
        <ul className={styles.list} style={{ height: `${list.rows.length * ROW_HEIGHT}px` }} aria-busy={list.loading}>
          {list.rows.slice(view.start, view.end).map((contact, offset) => (
            <ContactRow key={contact.id} contact={contact} index={view.start + offset} total={list.more ? -1 : list.rows.length} />
          ))}
        </ul>
        {!list.loading && list.rows.length === 0 && !list.error && (
          <Text className={styles.empty} block>
            {emptyText(list.search, importing)}
          </Text>
        )}
        {list.loading && <Spinner size="tiny" label="Loading contacts…" />}
      </div>
    </section>
  );
}

function emptyText(search: string, importing: ContactListProps['importing']): string {
  if (search) return 'No contacts match this search.';
  if (importing) return 'Importing your Outlook contacts… They appear here as they are stored.';
  return 'No contacts yet. Select Outlook Sync to bring in your Outlook contacts.';
}

function ContactRow({ contact, index, total }: { contact: Contact; index: number; total: number }) {
  const styles = useContactListStyles();
  const sources = sourcesText(contact);
  return (
    <li
      className={mergeClasses(styles.row, contact.deletedAtSource && styles.deleted)}
      style={{ top: `${index * ROW_HEIGHT}px` }}
      aria-setsize={total}
      aria-posinset={index + 1}
    >
      <Text weight="semibold" truncate wrap={false}>
        {contactName(contact)} {contact.deletedAtSource && <Badge appearance="outline" color="subtle">Deleted in Outlook</Badge>}
        {sources && <Badge appearance="outline" color="informative">{sources}</Badge>}
      </Text>
      <Text size={200} className={styles.detail} truncate wrap={false}><ContactDetail contact={contact} /></Text>
    </li>
  );
}

/** Phone and email, each with its channel badge when a messaging channel uses it. */
function ContactDetail({ contact }: { contact: Contact }) {
  if (!contact.phone && !contact.email) return <>No phone or email</>;
  return (
    <>
      {contact.phone}{contact.phoneBound && <> <ChannelBadge field="Phone" /></>}
      {contact.phone && contact.email && ' · '}
      {contact.email}{contact.emailBound && <> <ChannelBadge field="Email" /></>}
    </>
  );
}
