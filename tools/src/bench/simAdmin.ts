import type { ContactFolderShape } from '../graphSimulator/folderTree';
import type { MailboxChange } from '../graphSimulator/mailboxChanges';
import type { SeedOptions } from '../graphSimulator/mailboxGenerator';
import type { RequestCounts } from '../graphSimulator/requestCounts';

/** A seeded simulator mailbox as the admin API describes it. */
export interface SimMailboxSummary {
  defaultFolderId: string;
  contacts: number;
  version: number;
  folders: ContactFolderShape[];
}

/** The simulator's admin API (`/_sim`) over HTTP: seeding, changes, listings and request counts. */
export class SimAdmin {
  constructor(private readonly adminUrl: string) {}

  /** Replaces the mailbox of (tenant, user) with a generated one. */
  seed(tenantId: string, userId: string, options: SeedOptions): Promise<SimMailboxSummary> {
    return this.call('PUT', this.mailboxPath(tenantId, userId), options);
  }

  /** Ids of the contacts in one folder now. */
  async contactIds(tenantId: string, userId: string, folderId: string): Promise<string[]> {
    const answer = await this.call<{ value: Array<{ id: string }> }>('GET', `${this.mailboxPath(tenantId, userId)}/contacts?folderId=${encodeURIComponent(folderId)}`);
    return answer.value.map((contact) => contact.id);
  }

  async applyChanges(tenantId: string, userId: string, changes: MailboxChange[]): Promise<void> {
    await this.call('POST', `${this.mailboxPath(tenantId, userId)}/changes`, { changes });
  }

  async deleteMailbox(tenantId: string, userId: string): Promise<void> {
    await this.call('DELETE', this.mailboxPath(tenantId, userId));
  }

  /** Graph requests the simulator answered since the last {@link resetCounts}. */
  counts(): Promise<RequestCounts> {
    return this.call('GET', '/counts');
  }

  async resetCounts(): Promise<void> {
    await this.call('DELETE', '/counts');
  }

  private mailboxPath(tenantId: string, userId: string): string {
    return `/mailboxes/${encodeURIComponent(tenantId)}/${encodeURIComponent(userId)}`;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.adminUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`simulator admin ${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }
}
