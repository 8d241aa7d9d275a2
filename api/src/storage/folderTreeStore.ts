import type { ContactFolderInfo } from '../graph/contactSource';
import { textField } from './entityFields';
import type { MailboxStore } from './mailboxStore';

/** The folder tree as the last sync left it, in the mailbox's partition (row `t:folders`). */
export interface StoredFolderTree {
  /** The default Contacts folder first, then every folder below it, parents before children. */
  folders: ContactFolderInfo[];
  /** Where the next `contactFolders/delta` round starts; '' when the tree is walked on every sync. */
  deltaLink: string;
  /** ISO time the delta link was stored. */
  deltaLinkAt: string;
}

export const FOLDER_TREE_ROW_KEY = 't:folders';
/** A string property holds at most 32,768 UTF-16 characters; the list is cut into pieces below that. */
const PIECE_CHARS = 30_000;
/** An entity holds at most 1 MiB and 255 properties; a longer list is not kept (the tree is then walked). */
const MAX_PIECES = 16;

/** Reads the stored tree; `undefined` when there is none or it cannot be read. */
export async function readFolderTree(store: MailboxStore): Promise<StoredFolderTree | undefined> {
  const row = await store.readRow(FOLDER_TREE_ROW_KEY);
  if (!row) return undefined;
  const pieces = typeof row.pieces === 'number' ? row.pieces : 0;
  const json = Array.from({ length: pieces }, (_, i) => textField(row[`folders${i}`])).join('');
  const folders = parseFolders(json);
  if (!folders) return undefined;
  return { folders, deltaLink: textField(row.deltaLink), deltaLinkAt: textField(row.deltaLinkAt) };
}

/** Stores the tree in one write; a list too long for one entity is stored without a delta link. */
export async function saveFolderTree(store: MailboxStore, tree: StoredFolderTree): Promise<void> {
  const json = JSON.stringify(tree.folders.map((f) => [f.id, f.displayName, f.parentFolderId]));
  const pieces = Math.ceil(json.length / PIECE_CHARS);
  const fits = pieces <= MAX_PIECES;
  const entity: Record<string, unknown> & { partitionKey: string; rowKey: string } = {
    partitionKey: store.partitionKey,
    rowKey: FOLDER_TREE_ROW_KEY,
    deltaLink: fits ? tree.deltaLink : '',
    deltaLinkAt: tree.deltaLinkAt,
    pieces: fits ? pieces : 0,
  };
  for (let i = 0; fits && i < pieces; i += 1) entity[`folders${i}`] = json.slice(i * PIECE_CHARS, (i + 1) * PIECE_CHARS);
  await store.transaction().upsert(entity).commit();
}

function parseFolders(json: string): ContactFolderInfo[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return undefined;
  const folders: ContactFolderInfo[] = [];
  for (const item of parsed) {
    if (!Array.isArray(item) || !item.every((part) => typeof part === 'string')) return undefined;
    const [id = '', displayName = '', parentFolderId = ''] = item;
    folders.push({ id, displayName, parentFolderId });
  }
  return folders;
}
