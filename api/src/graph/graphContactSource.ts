import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import type { Contact, ContactFolder } from '@microsoft/microsoft-graph-types';
import { AppError } from '../errors/appError';
import { SELECTED_CONTACT_FIELDS } from '../contacts/mapContact';
import { type ContactFolderInfo, type ContactSource, type DeltaPage, DeltaTokenExpiredError } from './contactSource';
import type { GraphRequestMeter } from './graphClientFactory';

/**
 * Graph caps contact pages at about 200; 197 leaves room for the checkpoint and, in each of the page's two
 * transactions of 100 actions, the lease fence's guard (storage/partitionFence.ts).
 */
export const DELTA_PAGE_SIZE = 197;
const PREFER = [`odata.maxpagesize=${DELTA_PAGE_SIZE}`, 'IdType="ImmutableId"'];
const NETWORK_ATTEMPTS = 4;

type DeltaEntry = Contact & { '@removed'?: { reason?: string } };
interface Collection<T> { value?: unknown; '@odata.nextLink'?: string; '@odata.deltaLink'?: string; items?: T }

/** The contact folders and contact delta of the signed-in user (`/me`), via the Graph SDK. */
export class GraphContactSource implements ContactSource {
  constructor(
    private readonly client: Client,
    private readonly baseUrl: string,
    private readonly meter: GraphRequestMeter,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  get requestCount(): number {
    return this.meter.requests;
  }

  async listFolders(): Promise<ContactFolderInfo[]> {
    const root = await this.get<ContactFolder>('/me/contactFolders/contacts');
    if (typeof root.id !== 'string') throw unreadable('the default contact folder has no id');
    const folders: ContactFolderInfo[] = [];
    // Level by level: the children of a whole level are asked for at once (the gate keeps it to 4 in flight).
    for (let level: ContactFolder[] = [root]; level.length > 0;) {
      folders.push(...level.map(toFolderInfo));
      level = (await Promise.all(level.map((folder) => this.childFolders(folder)))).flat();
    }
    return folders;
  }

  private async childFolders(folder: ContactFolder): Promise<ContactFolder[]> {
    const children: ContactFolder[] = [];
    let url: string | undefined = `/me/contactFolders/${encodeURIComponent(folder.id ?? '')}/childFolders?$top=100`;
    while (url) {
      const page: Collection<ContactFolder> = await this.get(url);
      children.push(...values<ContactFolder>(page));
      url = page['@odata.nextLink'];
    }
    return children;
  }

  initialDeltaUrl(folderId: string): string {
    return `/me/contactFolders/${encodeURIComponent(folderId)}/contacts/delta?$select=${SELECTED_CONTACT_FIELDS.join(',')}`;
  }

  async fetchDeltaPage(url: string): Promise<DeltaPage> {
    const page: Collection<DeltaEntry> = await this.get(url, PREFER);
    const contacts: Contact[] = [];
    const removedIds: string[] = [];
    for (const entry of values<DeltaEntry>(page)) {
      if (entry['@removed'] !== undefined && typeof entry.id === 'string') removedIds.push(entry.id);
      else contacts.push(entry);
    }
    const nextLink = page['@odata.nextLink'];
    const deltaLink = page['@odata.deltaLink'];
    if (!nextLink && !deltaLink) throw unreadable('a delta page has neither a next link nor a delta link');
    return { contacts, removedIds, nextLink, deltaLink };
  }

  /**
   * The SDK rebuilds every URL from its base and version and reads only https links as absolute, so
   * links under our base (Graph's next and delta links) are given relative to it.
   */
  private relative(url: string): string {
    return url.startsWith(`${this.baseUrl}/`) ? url.slice(this.baseUrl.length) : url;
  }

  /** GET with the SDK (which retries 429/503/504); a dropped connection is retried here. */
  private async get<T>(url: string, prefer: string[] = []): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const request = this.client.api(this.relative(url));
        return (await (prefer.length ? request.header('Prefer', prefer.join(', ')) : request).get()) as T;
      } catch (error) {
        const mapped = mapGraphError(error);
        if (mapped !== 'network' || attempt >= NETWORK_ATTEMPTS) throw mapped === 'network' ? networkFailure(error) : mapped;
        await this.sleep(200 * 2 ** attempt);
      }
    }
  }
}

function values<T>(page: Collection<T>): T[] {
  if (!Array.isArray(page.value)) throw unreadable('a page has no value list');
  return page.value.filter((item): item is T => item !== null && typeof item === 'object');
}

function toFolderInfo(folder: ContactFolder): ContactFolderInfo {
  if (typeof folder.id !== 'string') throw unreadable('a contact folder has no id');
  return { id: folder.id, displayName: folder.displayName ?? '', parentFolderId: folder.parentFolderId ?? '' };
}

/** Graph's answer as the engine acts on it; 'network' when nothing (or half a page) came back. */
function mapGraphError(error: unknown): Error | 'network' {
  const graphError = error as Partial<GraphError> & { headers?: Headers };
  const status = graphError.statusCode ?? -1;
  // Graph has been seen spelling these codes with either case.
  if (status === 410 || /^(syncStateNotFound|resyncRequired)$/i.test(graphError.code ?? '')) {
    return new DeltaTokenExpiredError(graphError.code ?? 'gone', graphError.headers?.get?.('Location') ?? undefined);
  }
  if (status === 401 || status === 403) {
    return new AppError('reconnect_needed', 'Microsoft Graph refused the access token. Sign in to Outlook Sync again.', { cause: error });
  }
  if (status === 429) return new AppError('throttled', 'Microsoft Graph is throttling this mailbox. The sync will continue later.', { cause: error });
  if (status >= 500) return new AppError('graph_unavailable', 'Microsoft Graph is unavailable. The sync will continue later.', { cause: error });
  if (status >= 400) return new AppError('graph_unavailable', `Microsoft Graph answered ${status}.`, { cause: error });
  if (error instanceof SyntaxError) return unreadable('a page was not valid JSON');
  return 'network';
}

function networkFailure(cause: unknown): AppError {
  return new AppError('graph_unavailable', 'The connection to Microsoft Graph kept failing. The sync will continue later.', { cause });
}

function unreadable(what: string): AppError {
  return new AppError('graph_unavailable', `Microsoft Graph sent a page we could not read: ${what}.`);
}
