import { Badge, Text, useId } from '@fluentui/react-components';
import type { Contact, DuplicateGroup } from '../../api/apiTypes';
import { ChannelBadge } from '../ChannelBadge/ChannelBadge';
import { contactName } from '../ContactList/contactText';
import { useDuplicatesPageStyles } from './DuplicatesPage.styles';

/** Props of {@link DuplicateGroupItem}. */
export interface DuplicateGroupItemProps {
  group: DuplicateGroup;
  /** A label per folder id: its Outlook name, or a letter when the name is not known (see folderLabels). */
  folders: Map<string, string>;
}

/** One group: what its contacts share, as a heading, then each contact with its folder ("In Work"), phone and email. */
export function DuplicateGroupItem({ group, folders }: DuplicateGroupItemProps) {
  const styles = useDuplicatesPageStyles();
  const headingId = useId('duplicate-group');
  const shared = group.kind === 'phone' ? `Same phone number: ${group.value}` : `Same email address: ${group.value}`;
  return (
    <li className={styles.group}>
      <Text as="h3" id={headingId} size={400} weight="semibold" className={styles.heading}>{shared}</Text>
      {group.total > group.contacts.length && (
        <Text className={styles.detail}>{`${group.total} contacts share it; the first ${group.contacts.length} are shown.`}</Text>
      )}
      <ul className={styles.contacts} aria-labelledby={headingId}>
        {group.contacts.map((contact) => <ContactLine key={contact.id} contact={contact} folder={folders.get(contact.folderId) ?? 'Folder'} />)}
      </ul>
    </li>
  );
}

/** One contact; the spaces between the parts are not shown in the flex row but keep the words apart for a screen reader. */
function ContactLine({ contact, folder }: { contact: Contact; folder: string }) {
  const styles = useDuplicatesPageStyles();
  return (
    <li className={styles.contact}>
      <Text weight="semibold">{contactName(contact)}</Text>{' '}
      {contact.deletedAtSource && <><Badge appearance="outline" color="subtle">Deleted in Outlook</Badge>{' '}</>}
      <Text className={styles.detail}>In {folder}</Text>{' '}
      <Text className={styles.detail}>Phone: {contact.phone || 'none'}</Text>{' '}
      {contact.phoneBound && <><ChannelBadge field="Phone" />{' '}</>}
      <Text className={styles.detail}>Email: {contact.email || 'none'}</Text>
      {contact.emailBound && <>{' '}<ChannelBadge field="Email" /></>}
    </li>
  );
}
