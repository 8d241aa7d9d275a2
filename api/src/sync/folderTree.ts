import type { ContactFolderInfo, FolderChanges } from '../graph/contactSource';

/**
 * The folder list after a folder delta round: removed folders dropped, added, renamed and moved ones in
 * their new state, then only what still hangs below the default folder (`folders[0]`, never removed),
 * parents before children. A folder whose parent left goes too (Graph may report only the parent).
 */
export function applyFolderChanges(folders: readonly ContactFolderInfo[], changes: Pick<FolderChanges, 'changed' | 'removedIds'>): ContactFolderInfo[] {
  const root = folders[0];
  if (!root) return [];
  const byId = new Map(folders.map((folder) => [folder.id, folder]));
  for (const id of changes.removedIds) if (id !== root.id) byId.delete(id);
  for (const folder of changes.changed) byId.set(folder.id, folder);
  const children = new Map<string, ContactFolderInfo[]>();
  for (const folder of byId.values()) {
    if (folder.id === root.id) continue;
    children.set(folder.parentFolderId, [...(children.get(folder.parentFolderId) ?? []), folder]);
  }
  const out = [byId.get(root.id) ?? root];
  for (let i = 0; i < out.length; i += 1) out.push(...(children.get(out[i]?.id ?? '') ?? []));
  return out;
}

/** Whether a full folder delta round reported every folder the walk found below the default folder. */
export function deltaCoversTree(walked: readonly ContactFolderInfo[], fullRound: Pick<FolderChanges, 'changed'>): boolean {
  const reported = new Set(fullRound.changed.map((folder) => folder.id));
  return walked.slice(1).every((folder) => reported.has(folder.id));
}
