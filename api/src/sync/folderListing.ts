import { type ContactFolderInfo, type ContactSource, DeltaTokenExpiredError, type FolderChanges } from '../graph/contactSource';
import { type StoredFolderTree, readFolderTree, saveFolderTree } from '../storage/folderTreeStore';
import type { FolderState, MailboxStore } from '../storage/mailboxStore';
import { applyFolderChanges, deltaCoversTree } from './folderTree';

/** An unchanged folder delta link is written again once it is this old (like the contact rounds' links). */
const RELINK_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * The folders a sync goes through, for as few Graph requests as the mailbox allows:
 * - with a stored folder delta link: one `contactFolders/delta` round (one request when nothing changed),
 *   applied to the stored list;
 * - on a first or full sync, or when Graph no longer knows the link: the walk (`childFolders` level by
 *   level) and a full folder delta round, one after the other. Microsoft's page does not say whether that delta
 *   reports nested folders; it is trusted only when it reported every folder the walk found;
 * - otherwise (it did not): the walk on every sync, until a full sync checks again.
 */
export async function currentFolders(store: MailboxStore, source: ContactSource, full: boolean, now: () => string): Promise<ContactFolderInfo[]> {
  const stored = full ? undefined : await readFolderTree(store);
  if (stored && !stored.deltaLink) return source.listFolders();
  if (stored) {
    const changes = await changesSince(source, stored.deltaLink);
    if (changes) return applyAndKeep(store, stored, changes, now);
  }
  return walkAndTrack(store, source, now);
}

async function changesSince(source: ContactSource, deltaLink: string): Promise<FolderChanges | undefined> {
  try {
    return await source.folderChanges(deltaLink);
  } catch (error) {
    if (error instanceof DeltaTokenExpiredError) return undefined;
    throw error;
  }
}

async function applyAndKeep(store: MailboxStore, stored: StoredFolderTree, changes: FolderChanges, now: () => string): Promise<ContactFolderInfo[]> {
  const folders = applyFolderChanges(stored.folders, changes);
  const changed = changes.changed.length > 0 || changes.removedIds.length > 0;
  const stale = Date.parse(now()) - Date.parse(stored.deltaLinkAt || '1970-01-01T00:00:00Z') >= RELINK_AFTER_MS;
  if (changed || (stale && changes.deltaLink !== stored.deltaLink)) {
    await saveFolderTree(store, { folders, deltaLink: changes.deltaLink, deltaLinkAt: now() });
  }
  return folders;
}

async function walkAndTrack(store: MailboxStore, source: ContactSource, now: () => string): Promise<ContactFolderInfo[]> {
  // One after the other: the walk's $batches already keep Graph's 4 requests per mailbox busy. A folder
  // made between the two answers is in the delta round only: the merge below keeps it.
  const walked = await source.listFolders();
  const fullRound = await source.folderChanges();
  const folders = applyFolderChanges(walked, fullRound);
  const trusted = deltaCoversTree(walked, fullRound);
  await saveFolderTree(store, { folders, deltaLink: trusted ? fullRound.deltaLink : '', deltaLinkAt: now() });
  return folders;
}

/**
 * Writes a renamed folder's new name into its folder state now: an incremental round that finds no
 * contact change writes nothing, and the status page shows these names.
 */
export async function renameFolderStates(store: MailboxStore, folders: readonly ContactFolderInfo[], stored: ReadonlyMap<string, FolderState>): Promise<void> {
  const transaction = store.transaction();
  for (const folder of folders) {
    const state = stored.get(folder.id);
    if (!state || state.displayName === folder.displayName) continue;
    transaction.update({ partitionKey: store.partitionKey, rowKey: store.folderRowKey(folder.id), displayName: folder.displayName }, '*', true);
  }
  if (transaction.size > 0) await transaction.commit();
}
