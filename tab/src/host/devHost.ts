import { HostAuthError, type HostPort, type HostTheme } from './hostPort';

/** The local development sign-in: who to be, and whether as an admin. */
export interface DevIdentity {
  userName: string;
  admin: boolean;
}

/**
 * The host in local mode outside Teams: SSO tokens come from the local tab server's `/_dev/sign-in`, which
 * asks the local Entra authority to mint them. Consent is granted there too. Never part of a hosted build's
 * path: the tab server only offers it when it runs the local stack.
 */
export class DevHost implements HostPort {
  readonly kind = 'dev';
  readonly theme: HostTheme;
  private token: { value: string; expiresAt: number } | undefined;

  constructor(private readonly identity: DevIdentity, theme: HostTheme = 'default', private readonly fetchFn: typeof fetch = (...a) => fetch(...a)) {
    this.theme = theme;
  }

  onThemeChange(): void {
    // A plain browser has no host theme events.
  }

  async getToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now() + 60_000) return this.token.value;
    const body = await this.post('/_dev/sign-in', this.identity) as { token: string; expiresInSec: number };
    this.token = { value: body.token, expiresAt: Date.now() + body.expiresInSec * 1000 };
    return body.token;
  }

  async consent(): Promise<void> {
    if (!window.confirm('Outlook Contact Sync will read your Outlook contacts (Contacts.Read) and keep access while you are away (offline_access). Allow?')) {
      throw new HostAuthError('CancelledByUser', 'Consent was cancelled.', 'consent');
    }
    await this.post('/_dev/consent', this.identity);
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    const response = await this.fetchFn(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return response.json();
  }
}
