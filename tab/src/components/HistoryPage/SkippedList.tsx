import { Button, Spinner, Text } from '@fluentui/react-components';
import { useCallback } from 'react';
import { useServices } from '../../app/appServices';
import { ErrorNotice } from '../ErrorNotice/ErrorNotice';
import { useHistoryPageStyles } from './HistoryPage.styles';
import { usePagedRows } from './usePagedRows';

/** Why a contact was not stored, in words a person can act on (the API's codes, `SKIP_CODES`). */
const REASONS: Record<string, string> = {
  malformed_contact: 'Outlook sent it incomplete or unreadable: open it in Outlook and save it again',
  contact_unstorable: 'Outlook gave it an id that cannot be stored: tell your admin, quoting the reason',
  contact_refused: 'the storage service refused it: tell your admin, quoting the contact',
};

/** Every contact one sync could not store (GET /api/sync/history/{syncId}/skipped), page by page. */
export function SkippedList({ syncId, total }: { syncId: string; total: number }) {
  const styles = useHistoryPageStyles();
  const { api } = useServices();
  const fetchPage = useCallback(async (token?: string) => {
    const page = await api.skipped(syncId, token);
    return { rows: page.skipped, continuationToken: page.continuationToken };
  }, [api, syncId]);
  const { rows: skipped, next, loading, error, load } = usePagedRows(fetchPage);
  return (
    <section className={styles.changes} aria-label="Contacts not stored in this sync">
      <Text as="h3" weight="semibold">{total === 1 ? '1 contact was not stored' : `${total} contacts were not stored`}</Text>
      {error && <ErrorNotice message={error} onRetry={() => load()} />}
      <ul>
        {skipped.map((skip) => (
          <li key={`${skip.contactId}-${skip.code}-${skip.folderId}`}>
            <Text weight="semibold">{skip.displayName || (skip.contactId ? `Contact ${skip.contactId}${skip.contactIdCut ? '…' : ''}` : 'A contact with no id')}</Text>
            <Text> — {REASONS[skip.code] ?? skip.code}</Text>
            {skip.message && <Text className={styles.why}> ({skip.message})</Text>}
          </li>
        ))}
      </ul>
      {loading && <Spinner size="tiny" label="Loading skipped contacts…" />}
      {next && !loading && <Button onClick={() => load(next)}>Show more skipped contacts</Button>}
    </section>
  );
}
