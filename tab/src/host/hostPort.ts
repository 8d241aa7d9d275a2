/** The host's theme names (Teams: `default`, `dark`, `contrast`). */
export type HostTheme = 'default' | 'dark' | 'contrast';

/** Which host step failed: the silent sign-in (getAuthToken) or the Outlook consent popup (authenticate). */
export type HostStep = 'sign_in' | 'consent';

/** Why a sign-in or consent step failed, as the tab decides on it (`reason`: the host's failure string). */
export class HostAuthError extends Error {
  constructor(readonly reason: string, message: string, readonly step: HostStep = 'sign_in') {
    super(message);
    this.name = 'HostAuthError';
  }
}

/** What the tab needs from its host (Teams through teams-js; the local development sign-in; fakes in tests). */
export interface HostPort {
  /** `teams` inside a Teams host; `dev` for the local development sign-in. */
  readonly kind: 'teams' | 'dev';
  readonly theme: HostTheme;
  /** Calls back on each theme change of the host. */
  onThemeChange(handler: (theme: HostTheme) => void): void;
  /** An SSO token for the API; rejects with a HostAuthError (reason `timeout` when the host did not answer). */
  getToken(): Promise<string>;
  /** Runs the consent popup (must be called from a click); resolves when the user consented. */
  consent(): Promise<void>;
}
