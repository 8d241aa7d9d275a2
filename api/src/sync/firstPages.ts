import type { ContactSource, DeltaPage } from '../graph/contactSource';
import type { FolderState } from '../storage/mailboxStore';

/**
 * The source the folder rounds read from, with the first page of every incremental round fetched ahead in
 * `$batch`es (20 folders a round trip instead of one each). Only rounds that start from a stored delta link:
 * their first page is usually their only one and small, while a full listing's pages are big and would all
 * sit in memory at once. A prefetched failure is thrown when its round asks for the page (a 410 restarts
 * that folder in full, as it would have alone).
 */
export async function withFirstPagesFetched(source: ContactSource, plans: readonly FolderState[]): Promise<ContactSource> {
  const urls = plans.filter((plan) => plan.roundMode === 'delta' && !plan.roundDone && plan.nextLink === plan.deltaLink).map((plan) => plan.nextLink);
  if (urls.length < 2) return source;
  const pages = await source.fetchDeltaPages(urls);
  const ready = new Map<string, DeltaPage | Error | undefined>(urls.map((url, i) => [url, pages[i]]));
  return {
    get requestCount() { return source.requestCount; },
    listFolders: () => source.listFolders(),
    folderChanges: (deltaLink) => source.folderChanges(deltaLink),
    initialDeltaUrl: (folderId) => source.initialDeltaUrl(folderId),
    fetchDeltaPages: (more) => source.fetchDeltaPages(more),
    fetchDeltaPage: async (url) => {
      const page = ready.get(url);
      if (page === undefined) return source.fetchDeltaPage(url);
      ready.delete(url);
      if (page instanceof Error) throw page;
      return page;
    },
  };
}
