import type { Contact } from '@microsoft/microsoft-graph-types';

/** A contact folder of the mailbox, from the default Contacts folder down. */
export interface ContactFolderInfo {
  id: string;
  displayName: string;
  parentFolderId: string;
}

/** One page of a folder's contact delta. */
export interface DeltaPage {
  /** Added or changed contacts, in Graph's shape (only the selected fields). */
  contacts: Contact[];
  /** Ids Graph reports as `@removed` (deleted, or moved out of the folder). */
  removedIds: string[];
  /** Set while the round has more pages. */
  nextLink?: string;
  /** Set on the last page: where the next sync of this folder starts. */
  deltaLink?: string;
}

/** One round of the folder tree's delta (`GET /me/contactFolders/delta`). */
export interface FolderChanges {
  /** Folders added, renamed or moved, in their current state (a full round: every folder it tracks). */
  changed: ContactFolderInfo[];
  /** Ids Graph reports as `@removed`. */
  removedIds: string[];
  /** Where the next round starts. */
  deltaLink: string;
}

/** Where contacts come from; Graph in production, the simulator in tests (over HTTP either way). */
export interface ContactSource {
  /** The default Contacts folder and every folder below it, walked level by level (`childFolders`). */
  listFolders(): Promise<ContactFolderInfo[]>;
  /**
   * A round of the folder tree's delta: every folder it tracks without `deltaLink`, else the changes since
   * that link. Throws {@link DeltaTokenExpiredError} when Graph no longer knows the link's token.
   */
  folderChanges(deltaLink?: string): Promise<FolderChanges>;
  /** The URL of a full delta round of one folder. */
  initialDeltaUrl(folderId: string): string;
  /** One page; throws {@link DeltaTokenExpiredError} when the stored delta token is no longer valid. */
  fetchDeltaPage(url: string): Promise<DeltaPage>;
  /**
   * Several pages at once (JSON `$batch`, ≤ 20 a round trip), each a page or the error
   * {@link fetchDeltaPage} would have thrown for it.
   */
  fetchDeltaPages(urls: readonly string[]): Promise<Array<DeltaPage | Error>>;
  /** Graph requests sent so far, retries included. */
  readonly requestCount: number;
}

/** Graph no longer knows the delta token: the folder must be listed in full again. */
export class DeltaTokenExpiredError extends Error {
  constructor(readonly graphCode: string, readonly restartUrl?: string) {
    super(`the delta token is no longer valid (${graphCode})`);
    this.name = 'DeltaTokenExpiredError';
  }
}
