import type { Client } from '@microsoft/microsoft-graph-client';
import type { Contact, ContactFolder } from '@microsoft/microsoft-graph-types';
import { SELECTED_CONTACT_FIELDS } from '../contacts/mapContact';
import type { ContactFolderInfo, ContactSource, DeltaPage, FolderChanges } from './contactSource';
import { type BatchOutcome, type BatchRetry, getInBatches } from './graphBatch';
import type { GraphRequestMeter } from './graphClientFactory';
import { mapGraphError, networkFailure, unreadable } from './graphErrors';

/**
 * Graph caps contact pages at about 200; 197 leaves room for the checkpoint and, in each of the page's two
 * transactions of 100 actions, the lease fence's guard (storage/partitionFence.ts).
 */
export const DELTA_PAGE_SIZE = 197;
const PREFER = [`odata.maxpagesize=${DELTA_PAGE_SIZE}`, 'IdType="ImmutableId"'];
const NETWORK_ATTEMPTS = 4;

type DeltaEntry = Contact & { '@removed'?: { reason?: string } };
type FolderEntry = ContactFolder & { '@removed'?: { reason?: string } };
/** The folder tree's delta; a page holds at most 100 folders. */
const FOLDER_DELTA_URL = '/me/contactFolders/delta';
// No IdType: the walk (childFolders) asks without it, and both must give the same folder ids.
const FOLDER_PREFER = ['odata.maxpagesize=100'];
interface Collection<T> { value?: unknown; '@odata.nextLink'?: string; '@odata.deltaLink'?: string; items?: T }

/** The contact folders and contact delta of the signed-in user (`/me`), via the Graph SDK. */
export class GraphContactSource implements ContactSource {
  constructor(
    private readonly client: Client,
    private readonly baseUrl: string,
    private readonly meter: GraphRequestMeter,
    /**
     * How requests inside `$batch`es are retried (the SDK's RetryHandler retries single requests): the
     * `GRAPH_MAX_RETRY_AFTER_SECONDS` cap and the attempt's deadline.
     */
    private readonly batchRetry: Omit<BatchRetry, 'sleep'> = {},
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  get requestCount(): number {
    return this.meter.requests;
  }

  async listFolders(): Promise<ContactFolderInfo[]> {
    const root = await this.get<ContactFolder>('/me/contactFolders/contacts');
    if (typeof root.id !== 'string') throw unreadable('the default contact folder has no id');
    const folders: ContactFolderInfo[] = [toFolderInfo(root)];
    // Level by level: the childFolders pages of a whole level go out together, up to 20 in one $batch.
    for (let urls = [childFoldersUrl(root.id)]; urls.length > 0;) {
      const pages = await this.getMany<Collection<ContactFolder>>(urls);
      urls = [];
      for (const page of pages) {
        const children = values<ContactFolder>(page).map(toFolderInfo);
        folders.push(...children);
        urls.push(...children.map((child) => childFoldersUrl(child.id)));
        const next = page['@odata.nextLink'];
        if (next) urls.push(next);
      }
    }
    return folders;
  }

  async folderChanges(deltaLink?: string): Promise<FolderChanges> {
    const changes: FolderChanges = { changed: [], removedIds: [], deltaLink: '' };
    for (let url: string | undefined = deltaLink ?? FOLDER_DELTA_URL; url;) {
      const page: Collection<FolderEntry> = await this.get(url, FOLDER_PREFER);
      for (const entry of values<FolderEntry>(page)) {
        if (entry['@removed'] === undefined) changes.changed.push(toFolderInfo(entry));
        else if (typeof entry.id === 'string') changes.removedIds.push(entry.id);
      }
      changes.deltaLink = page['@odata.deltaLink'] ?? '';
      url = page['@odata.nextLink'];
      if (!url && !changes.deltaLink) throw unreadable('a folder delta page has neither a next link nor a delta link');
    }
    return changes;
  }

  initialDeltaUrl(folderId: string): string {
    return `/me/contactFolders/${encodeURIComponent(folderId)}/contacts/delta?$select=${SELECTED_CONTACT_FIELDS.join(',')}`;
  }

  async fetchDeltaPage(url: string): Promise<DeltaPage> {
    return toDeltaPage(await this.get(url, PREFER));
  }

  async fetchDeltaPages(urls: readonly string[]): Promise<Array<DeltaPage | Error>> {
    if (urls.length === 1) return [await this.fetchDeltaPage(urls[0] ?? '').catch((error: unknown) => toError(error))];
    const outcomes = await this.batch(urls, PREFER);
    return outcomes.map((outcome) => {
      if ('error' in outcome) return outcome.error;
      try {
        return toDeltaPage(outcome.body as Collection<DeltaEntry>);
      } catch (error) {
        return toError(error);
      }
    });
  }

  /** GETs of several URLs: one plain GET, or $batches; the first failure is thrown. */
  private async getMany<T>(urls: readonly string[]): Promise<T[]> {
    if (urls.length === 1) return [await this.get<T>(urls[0] ?? '')];
    return (await this.batch(urls, [])).map((outcome) => {
      if ('error' in outcome) throw outcome.error;
      return outcome.body as T;
    });
  }

  private batch(urls: readonly string[], prefer: string[]): Promise<BatchOutcome[]> {
    const headers: Record<string, string> = prefer.length ? { Prefer: prefer.join(', ') } : {};
    return getInBatches(async (body) => {
      // Every request inside counts as one Graph request (Graph throttles them one by one).
      this.meter.requests += body.requests.length - 1;
      return this.send('/$batch', [], body);
    }, urls.map((url) => this.relative(url)), headers, { ...this.batchRetry, sleep: this.sleep });
  }

  /**
   * The SDK rebuilds every URL from its base and version and reads only https links as absolute, so
   * links under our base (Graph's next and delta links) are given relative to it.
   */
  private relative(url: string): string {
    return url.startsWith(`${this.baseUrl}/`) ? url.slice(this.baseUrl.length) : url;
  }

  private get<T>(url: string, prefer: string[] = []): Promise<T> {
    return this.send<T>(url, prefer);
  }

  /** GET (or POST a `$batch` body) with the SDK, which retries 429/503/504; a dropped connection is retried here. */
  private async send<T>(url: string, prefer: string[], body?: object): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const request = this.client.api(this.relative(url));
        const withPrefer = prefer.length ? request.header('Prefer', prefer.join(', ')) : request;
        return (await (body === undefined ? withPrefer.get() : withPrefer.post(body))) as T;
      } catch (error) {
        const mapped = mapGraphError(error);
        if (mapped !== 'network' || attempt >= NETWORK_ATTEMPTS) throw mapped === 'network' ? networkFailure(error) : mapped;
        await this.sleep(200 * 2 ** attempt);
      }
    }
  }
}

function childFoldersUrl(folderId: string): string {
  return `/me/contactFolders/${encodeURIComponent(folderId)}/childFolders?$top=100`;
}

function toDeltaPage(page: Collection<DeltaEntry>): DeltaPage {
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

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function values<T>(page: Collection<T>): T[] {
  if (!Array.isArray(page.value)) throw unreadable('a page has no value list');
  return page.value.filter((item): item is T => item !== null && typeof item === 'object');
}

function toFolderInfo(folder: ContactFolder): ContactFolderInfo {
  if (typeof folder.id !== 'string') throw unreadable('a contact folder has no id');
  return { id: folder.id, displayName: folder.displayName ?? '', parentFolderId: folder.parentFolderId ?? '' };
}
