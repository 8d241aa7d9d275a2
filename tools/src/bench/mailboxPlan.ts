import { DELTA_PAGE_SIZE } from '../../../api/src/graph/graphContactSource';
import type { MailboxChange } from '../graphSimulator/mailboxChanges';
import type { SimAdmin, SimMailboxSummary } from './simAdmin';

/** The engine asks for child folders with `$top=100`. */
const FOLDER_PAGE_SIZE = 100;

/** A seeded bench mailbox: who it belongs to and what is in each folder. */
export interface BenchMailbox {
  tenantId: string;
  userId: string;
  contacts: number;
  /** Folders in listing order (default folder first) with their children and contact ids. */
  folders: Array<{ id: string; childFolders: number; contactIds: string[] }>;
}

/** The Graph requests a sync cannot do without. */
export interface ExpectedRequests {
  /** First sync: the default folder, every `childFolders` page and a full folder delta round; incremental: one folder delta page. */
  folderListings: number;
  /** Every delta page Graph must send: at least one per folder, `pageSize` entries each. */
  deltaPages: number;
  total: number;
}

/** Seeds a mailbox through the admin API and reads back each folder's contacts (for sizes and change targets). */
export async function seedBenchMailbox(admin: SimAdmin, contacts: number, folders: number, seed: number): Promise<BenchMailbox> {
  const tenantId = 'bench-tenant';
  const userId = `bench-user-${contacts}`;
  const summary: SimMailboxSummary = await admin.seed(tenantId, userId, { contacts, folders, seed });
  const listed = await Promise.all(summary.folders.map(async (folder) => ({
    id: folder.id,
    childFolders: summary.folders.filter((child) => child.parentFolderId === folder.id).length,
    contactIds: await admin.contactIds(tenantId, userId, folder.id),
  })));
  return { tenantId, userId, contacts: summary.contacts, folders: listed };
}

/** The minimum for a round over `entriesPerFolder` (contacts for a first sync, changes for an incremental one without folder changes). */
export function expectedRequests(mailbox: BenchMailbox, entriesPerFolder: (folderId: string) => number, kind: 'initial' | 'incremental'): ExpectedRequests {
  const walk = 1 + mailbox.folders.reduce((sum, f) => sum + Math.max(1, Math.ceil(f.childFolders / FOLDER_PAGE_SIZE)), 0);
  const folderDelta = kind === 'initial' ? Math.max(1, Math.ceil((mailbox.folders.length - 1) / FOLDER_PAGE_SIZE)) : 1;
  const folderListings = (kind === 'initial' ? walk : 0) + folderDelta;
  const deltaPages = mailbox.folders.reduce((sum, f) => sum + Math.max(1, Math.ceil(entriesPerFolder(f.id) / DELTA_PAGE_SIZE)), 0);
  return { folderListings, deltaPages, total: folderListings + deltaPages };
}

/** Changes for the incremental scenario, with the folder each one lands in. */
export interface PlannedChanges {
  changes: MailboxChange[];
  /** Log entries each folder's delta round will hold. */
  perFolder: Map<string, number>;
}

/**
 * `count` deterministic changes — about 40% adds, 40% updates of imported fields, 20% deletes — spread over
 * the first few folders the way a user's day of edits might be.
 */
export function planChanges(mailbox: BenchMailbox, count: number): PlannedChanges {
  const folders = mailbox.folders.filter((folder) => folder.contactIds.length >= count);
  if (folders.length === 0) throw new Error('the bench mailbox is too small to plan changes in');
  const changes: MailboxChange[] = [];
  const perFolder = new Map<string, number>();
  for (let i = 0; i < count; i += 1) {
    const folder = folders[i % Math.min(folders.length, 4)] ?? folders[0];
    if (!folder) break;
    const target = folder.contactIds[folder.contactIds.length - 1 - i] ?? '';
    const kind = i % 5;
    if (kind === 0 || kind === 3) {
      changes.push({ op: 'add', folderId: folder.id, contact: { givenName: `Bench${i}`, surname: 'Added', mobilePhone: `+1 425 555 01${String(i).padStart(2, '0')}`, emailAddresses: [{ address: `bench${i}@example.com` }] } });
    } else if (kind === 1 || kind === 4) {
      changes.push({ op: 'update', id: target, patch: { surname: `Changed${i}`, mobilePhone: `+44 20 7946 0${String(100 + i)}` } });
    } else {
      changes.push({ op: 'delete', id: target });
    }
    perFolder.set(folder.id, (perFolder.get(folder.id) ?? 0) + 1);
  }
  return { changes, perFolder };
}
