import { app, authentication } from '@microsoft/teams-js';
import { asHostAuthError } from './hostFailure';
import { HostAuthError, type HostPort, type HostTheme } from './hostPort';
import { withTimeout } from './withTimeout';

/** How long the host may take to answer initialize: outside Teams teams-js rejects within ~20 ms by itself. */
const INITIALIZE_TIMEOUT_MS = 5_000;
/** getAuthToken is known to hang on Android and to take up to 30 s on mobile: wait that long, no longer. */
export const TOKEN_TIMEOUT_MS = 30_000;

/** Starts teams-js; resolves to the Teams host, or undefined when the page is not inside Teams. */
export async function connectTeamsHost(): Promise<HostPort | undefined> {
  try {
    await withTimeout(app.initialize(), INITIALIZE_TIMEOUT_MS, () => new Error('no host'));
  } catch {
    return undefined;
  }
  const context = await app.getContext();
  void app.notifySuccess();
  return new TeamsHost(toTheme(context.app.theme));
}

class TeamsHost implements HostPort {
  readonly kind = 'teams';
  constructor(readonly theme: HostTheme) {}

  onThemeChange(handler: (theme: HostTheme) => void): void {
    app.registerOnThemeChangeHandler((theme) => handler(toTheme(theme)));
  }

  async getToken(): Promise<string> {
    try {
      return await withTimeout(authentication.getAuthToken(), TOKEN_TIMEOUT_MS, () => new HostAuthError('timeout', 'Teams did not answer the sign-in request.'));
    } catch (error) {
      throw asHostAuthError(error, 'sign_in');
    }
  }

  async consent(): Promise<void> {
    const url = new URL('/teams-outlook-login', window.location.origin).toString();
    try {
      await authentication.authenticate({ url, width: 600, height: 640 });
    } catch (error) {
      throw asHostAuthError(error, 'consent');
    }
  }
}

function toTheme(theme: string | undefined): HostTheme {
  return theme === 'dark' || theme === 'contrast' ? theme : 'default';
}
