import { TableClient } from '@azure/data-tables';
import { FOLDER_TREE_ROW_KEY } from '../../../api/src/storage/folderTreeStore';
import { ROW_PREFIX, mailboxPartitionKey, rowKindFilter } from '../../../api/src/storage/tableKeys';
import type { BenchEndpoints } from './jobTypes';

/**
 * The delta link of every folder as a finished sync stored it (the `f:` rows of the contacts table): where
 * the next incremental sync of that copy starts, so its floor can read the very same links.
 */
export async function snapshotDeltaLinks(endpoints: BenchEndpoints, tablePrefix: string, mailbox: { tenantId: string; userId: string }): Promise<Record<string, string>> {
  const client = TableClient.fromConnectionString(endpoints.storageConnection, `${tablePrefix}contacts`, { allowInsecureConnection: true });
  const links: Record<string, string> = {};
  const filter = rowKindFilter(mailboxPartitionKey(mailbox), ROW_PREFIX.folder);
  for await (const row of client.listEntities({ queryOptions: { filter, select: ['folderId', 'deltaLink'] } })) {
    if (typeof row.folderId === 'string' && typeof row.deltaLink === 'string' && row.deltaLink) links[row.folderId] = row.deltaLink;
  }
  return links;
}

/** The folder tree's delta link as a finished sync stored it (row `t:folders`); '' when it walks the tree. */
export async function snapshotFolderTreeLink(endpoints: BenchEndpoints, tablePrefix: string, mailbox: { tenantId: string; userId: string }): Promise<string> {
  const client = TableClient.fromConnectionString(endpoints.storageConnection, `${tablePrefix}contacts`, { allowInsecureConnection: true });
  const row = await client.getEntity(mailboxPartitionKey(mailbox), FOLDER_TREE_ROW_KEY);
  return typeof row.deltaLink === 'string' ? row.deltaLink : '';
}
