import {
  Button, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text,
} from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { SyncHistoryEntry } from '../../api/apiTypes';
import { useServices } from '../../app/appServices';
import { useLoad } from '../../app/useLoad';
import { ErrorNotice } from '../ErrorNotice/ErrorNotice';
import { formatTime } from '../SyncPanel/syncText';
import { ChangeLog } from './ChangeLog';
import { SkippedList } from './SkippedList';
import { useHistoryPageStyles } from './HistoryPage.styles';

// The API's trigger codes: 'manual' is the tab's Outlook Sync button.
const TRIGGERS: Record<string, string> = { manual: 'You (Outlook Sync)', bot: 'Bot', schedule: 'Schedule', cli: 'Support (command line)', notification: 'Instant (Outlook change)' };

/** The last syncs: time, trigger, duration, counts, errors; and per sync, what changed per contact. */
export function HistoryPage() {
  const styles = useHistoryPageStyles();
  const { api } = useServices();
  const history = useLoad(useCallback(() => api.history(20), [api]));
  const [open, setOpen] = useState<string>();
  if (history.loading) return <Spinner label="Loading sync history…" />;
  if (history.error) return <ErrorNotice message={history.error} onRetry={history.reload} />;
  const syncs = history.data?.syncs ?? [];
  if (syncs.length === 0) return <Text>No syncs yet. Syncs appear here after you select Outlook Sync on the Contacts page.</Text>;
  return (
    <div className={styles.root}>
      <div className={styles.table}>
        <Table aria-label="Sync history" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Started</TableHeaderCell><TableHeaderCell>Trigger</TableHeaderCell><TableHeaderCell>Duration</TableHeaderCell>
              <TableHeaderCell>Result</TableHeaderCell><TableHeaderCell>Changes</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {syncs.map((sync) => (
              <TableRow key={sync.syncId}>
                <TableCell>{formatTime(sync.startedAt)}</TableCell>
                <TableCell>{TRIGGERS[sync.trigger ?? ''] ?? sync.trigger ?? '—'}</TableCell>
                <TableCell>{duration(sync)}</TableCell>
                <TableCell>{outcome(sync)}</TableCell>
                <TableCell>
                  <Button size="small" aria-expanded={open === sync.syncId} onClick={() => setOpen(open === sync.syncId ? undefined : sync.syncId ?? undefined)}>
                    {open === sync.syncId ? 'Hide changes' : 'Show changes'}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {open && <ChangeLog syncId={open} />}
      {open && skippedOf(syncs, open) > 0 && <SkippedList syncId={open} total={skippedOf(syncs, open)} />}
    </div>
  );
}

/** How many contacts the sync skipped: its exact count (every one of them has a row to list). */
function skippedOf(syncs: SyncHistoryEntry[], syncId: string): number {
  return syncs.find((sync) => sync.syncId === syncId)?.counts.skipped ?? 0;
}

function duration(sync: SyncHistoryEntry): string {
  if (!sync.startedAt || !sync.endedAt) return sync.state === 'running' ? 'Running' : '—';
  const seconds = Math.max(0, Math.round((Date.parse(sync.endedAt) - Date.parse(sync.startedAt)) / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

function outcome(sync: SyncHistoryEntry): string {
  const c = sync.counts;
  const counts = `${c.new} new, ${c.updated} updated, ${c.deleted} deleted, ${c.unchanged} unchanged, ${c.skipped} skipped`;
  if (sync.state === 'failed') return `Failed: ${sync.error?.message ?? 'stopped'} (${counts})`;
  return sync.state === 'running' ? `Running (${counts})` : counts;
}
