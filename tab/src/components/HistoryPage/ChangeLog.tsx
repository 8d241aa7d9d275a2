import { Button, Spinner, Text } from '@fluentui/react-components';
import { useCallback } from 'react';
import { useServices } from '../../app/appServices';
import { ErrorNotice } from '../ErrorNotice/ErrorNotice';
import { useHistoryPageStyles } from './HistoryPage.styles';
import { usePagedRows } from './usePagedRows';

const KEPT: Record<string, string> = {
  empty_value: 'kept: Outlook had no value',
  channel_bound: 'kept: used by a messaging channel',
  merge_strategy: 'kept: your organisation keeps stored values',
};

/** What one sync changed, per contact and field (GET /api/sync/history/{syncId}/changes), page by page. */
/** What a change did, in words. */
const OUTCOME: Record<string, string> = { new: 'new', updated: 'updated', deleted: 'deleted in Outlook', unchanged: 'Outlook changed it; the stored values were kept' };

export function ChangeLog({ syncId }: { syncId: string }) {
  const styles = useHistoryPageStyles();
  const { api } = useServices();
  const fetchPage = useCallback(async (token?: string) => {
    const page = await api.changes(syncId, token);
    return { rows: page.changes, continuationToken: page.continuationToken };
  }, [api, syncId]);
  const { rows: changes, next, loading, error, load } = usePagedRows(fetchPage);
  return (
    <section className={styles.changes} aria-label="Changes in this sync">
      {error && <ErrorNotice message={error} onRetry={() => load()} />}
      {!error && !loading && changes.length === 0 && <Text>This sync changed no contacts.</Text>}
      <ul>
        {changes.map((change) => (
          <li key={`${change.contactId}-${change.outcome}`}>
            <Text weight="semibold">{change.displayName || change.contactId}</Text> <Text>({OUTCOME[change.outcome] ?? change.outcome})</Text>
            <ul>
              {change.fields.map((field) => (
                <li key={field.field}>
                  <Text>{field.field}: {field.old ?? '(empty)'} → {field.new ?? '(empty)'}</Text>
                  {field.kept && <Text className={styles.why}> — {KEPT[field.kept] ?? field.kept}</Text>}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {loading && <Spinner size="tiny" label="Loading changes…" />}
      {next && !loading && <Button onClick={() => load(next)}>Show more changes</Button>}
    </section>
  );
}
