import { Spinner, Text, useId } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { DuplicateGroup } from '../../api/apiTypes';
import { useServices } from '../../app/appServices';
import { useLoad } from '../../app/useLoad';
import { ErrorNotice } from '../ErrorNotice/ErrorNotice';
import { DuplicateGroupItem } from './DuplicateGroupItem';
import { useDuplicatesPageStyles } from './DuplicatesPage.styles';
import { folderLabels } from './folderLabels';

/** Groups asked for: the API's default; a mailbox with more is told only the first ones are shown. */
export const DUPLICATE_GROUPS = 100;

/**
 * Suspected duplicates (`GET /api/contacts/duplicates`): contacts that share a phone number or an email
 * address, most often the same person in two Outlook folders. The tab shows them; the user tidies up in Outlook.
 */
export function DuplicatesPage() {
  const styles = useDuplicatesPageStyles();
  const { api } = useServices();
  const loaded = useLoad(useCallback(() => api.duplicates(DUPLICATE_GROUPS), [api]));
  const headingId = useId('duplicates-heading');
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Text as="h2" id={headingId} size={500} weight="semibold" className={styles.heading}>Suspected duplicates</Text>
      <Text className={styles.intro}>
        Contacts that share a phone number or an email address, often the same person in two Outlook folders.
        Tidy them up in Outlook; the next sync brings the change.
      </Text>
      {loaded.loading && <Spinner label="Looking for suspected duplicates…" />}
      {!loaded.loading && loaded.error && <ErrorNotice message={loaded.error} onRetry={loaded.reload} />}
      {!loaded.loading && loaded.data && <Groups groups={loaded.data.duplicates} />}
    </section>
  );
}

function Groups({ groups }: { groups: DuplicateGroup[] }) {
  const styles = useDuplicatesPageStyles();
  if (groups.length === 0) return <Text>No suspected duplicates. No two contacts share a phone number or an email address.</Text>;
  const folders = folderLabels(groups);
  return (
    <>
      {groups.length >= DUPLICATE_GROUPS && <Text>Showing the first {DUPLICATE_GROUPS} groups.</Text>}
      <ul className={styles.groups} aria-label="Suspected duplicates">
        {groups.map((group) => <DuplicateGroupItem key={`${group.kind}:${group.value}`} group={group} folders={folders} />)}
      </ul>
    </>
  );
}
