import type { SyncStatus } from '../../api/apiTypes';

/** "N contacts synced: a new, b updated, c deleted, d unchanged, e skipped". */
export function resultText(status: SyncStatus): string {
  const { counts } = status;
  const synced = status.contactsProcessed;
  return `${synced.toLocaleString()} ${synced === 1 ? 'contact' : 'contacts'} synced: ${counts.new} new, ${counts.updated} updated, `
    + `${counts.deleted} deleted in Outlook, ${counts.unchanged} unchanged, ${counts.skipped} skipped.`;
}

/** "Syncing… N contacts stored · reading Work, Family" while a sync runs (the folders while any is being read). */
export function progressText(status: SyncStatus): string {
  if (status.state === 'queued') return 'Sync queued: it starts in a moment.';
  const stored = status.contactsStored;
  const reading = status.readingFolders.length > 0 ? ` · reading ${status.readingFolders.map(folderLabel).join(', ')}` : '';
  return `Syncing… ${stored.toLocaleString()} ${stored === 1 ? 'contact' : 'contacts'} stored${reading}.`;
}

/** A folder the API knows no name of is still a folder. */
function folderLabel(name: string): string {
  return name.trim() || 'a folder';
}

/** A time for people: the user's locale and time zone. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : date.toLocaleString();
}
