import { ApiError } from '../api/apiError';
import { HostAuthError } from '../host/hostPort';

/** What the user reads when something fails: what happened and what to do. `retry` offers a Try again button. */
export interface UserMessage {
  title: string;
  action: string;
  retry: boolean;
  /** Quote this when asking for help. */
  correlationId?: string;
}

const ADMIN_CONSENT = 'An admin must grant consent for Outlook Contact Sync in the Microsoft Entra admin center (Enterprise applications → Outlook Contact Sync → Permissions → Grant admin consent).';

/** Messages by code: API error codes, teams-js failure reasons and Entra errors (AADSTS…). */
const BY_CODE: Record<string, Omit<UserMessage, 'correlationId'>> = {
  consent_required: { title: 'Outlook Sync needs your permission to read your Outlook contacts.', action: 'Select Connect Outlook and accept in the window that opens.', retry: false },
  reconnect_needed: { title: 'Your Outlook connection has expired.', action: 'Select Connect Outlook to connect again.', retry: false },
  CancelledByUser: { title: 'You closed the Outlook window before connecting.', action: 'Nothing was changed. Select Connect Outlook to try again.', retry: true },
  FailedToOpenWindow: { title: 'Teams could not open the Outlook sign-in window.', action: 'Allow pop-ups for Teams, then select Connect Outlook again.', retry: true },
  consent_failed: { title: 'Connecting Outlook did not finish.', action: 'Select Connect Outlook to try again. If it keeps failing, ask your admin.', retry: true },
  resourceDisabled: { title: 'Sign-in to Outlook Contact Sync is switched off for your organisation.', action: `Ask your admin: in the Microsoft Entra admin center, make sure the app's API is exposed (Expose an API → access_as_user) and the Teams clients are pre-authorised, and that ${ADMIN_CONSENT}`, retry: true },
  // The user selected Cancel on Entra's consent screen (access_denied, AADSTS65004).
  AADSTS65004: { title: 'You did not allow Outlook Contact Sync to read your contacts.', action: 'Nothing was changed. Select Connect Outlook when you are ready to allow it.', retry: true },
  AADSTS65001: { title: 'Your organisation has not consented to Outlook Contact Sync.', action: `Ask your admin: ${ADMIN_CONSENT}`, retry: true },
  AADSTS500011: { title: 'Outlook Contact Sync is not registered in your organisation.', action: 'Ask your admin to add the app to the organisation (install the app package and grant admin consent), and check that the app registration\'s Application ID URI matches the tab\'s domain.', retry: true },
  timeout: { title: 'Teams did not answer the sign-in request in time.', action: 'Select Try again. On a phone, check the connection; if it keeps happening, open Teams on a computer.', retry: true },
  forbidden: { title: 'You do not have permission to do this.', action: 'Ask your admin to let you sync (Admin settings → Who may sync) or to give you the Contact Sync User role.', retry: false },
  unauthorized: { title: 'Your sign-in could not be verified.', action: 'Close and reopen the app in Teams to sign in again.', retry: true },
  integration_missing: { title: 'Outlook Sync is not set up for your organisation yet.', action: 'Ask your admin to open Admin settings in this app and save the Outlook integration.', retry: true },
  sync_running: { title: 'A sync is already running.', action: 'Its progress is shown below; wait for it to finish.', retry: false },
  throttled: { title: 'Too many requests right now.', action: 'Wait a moment and try again.', retry: true },
  graph_unavailable: { title: 'Outlook is not answering right now.', action: 'Try again in a few minutes; the next sync continues where this one stopped.', retry: true },
  api_unreachable: { title: 'The Outlook Contact Sync service could not be reached.', action: 'Check your connection and try again. If it keeps failing, tell your admin the service is down.', retry: true },
  endpoint_missing: { title: 'This feature is not available on your organisation\'s server yet.', action: 'Ask your admin to update the Outlook Contact Sync service.', retry: false },
  invalid_request: { title: 'The server refused the request.', action: 'Check the highlighted fields and try again.', retry: false },
  configuration_invalid: { title: 'The service is misconfigured.', action: 'Tell your admin: the server log names the setting to fix.', retry: false },
};

const FALLBACK: Omit<UserMessage, 'correlationId'> = { title: 'Something went wrong.', action: 'Try again. If it keeps failing, tell your admin and quote the reference below.', retry: true };

/** The code an error carries: API code, teams-js reason, or an AADSTS number found in the message. */
export function codeOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const aadsts = /AADSTS\d+/.exec(message)?.[0];
  if (aadsts) return aadsts;
  if (error instanceof ApiError) return error.code;
  if (error instanceof HostAuthError) return error.reason;
  return 'unknown';
}

/** What to tell the user about `error`. `throttled` says when to try again when the server said so. */
export function userMessageOf(error: unknown): UserMessage {
  const code = codeOf(error);
  const known = BY_CODE[code] ?? FALLBACK;
  const correlationId = error instanceof ApiError ? error.options.correlationId : undefined;
  if (code === 'throttled' && error instanceof ApiError && error.options.retryAfterSec) {
    return { ...known, action: `Try again in ${error.options.retryAfterSec} seconds.`, correlationId };
  }
  return { ...known, correlationId };
}
