import type { SyncStatus } from '../../api/apiTypes';

/** "N contacts synced: a new, b updated, c deleted, d unchanged, e skipped". */
export function resultText(status: SyncStatus): string {
  const { counts } = status;
  const synced = status.contactsProcessed;
  return `${synced.toLocaleString()} ${synced === 1 ? 'contact' : 'contacts'} synced: ${counts.new} new, ${counts.updated} updated, `
    + `${counts.deleted} deleted in Outlook, ${counts.unchanged} unchanged, ${counts.skipped} skipped.`;
}

/** "Syncing… N contacts processed (P pages)" while a sync runs. */
export function progressText(status: SyncStatus): string {
  if (status.state === 'queued') return 'Sync queued: it starts in a moment.';
  return `Syncing… ${status.contactsProcessed.toLocaleString()} contacts processed (${status.pagesDone} ${status.pagesDone === 1 ? 'page' : 'pages'}).`;
}

/** A time for people: the user's locale and time zone. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : date.toLocaleString();
}
