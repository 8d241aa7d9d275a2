import { ApiError } from '../api/apiError';
import { HostAuthError } from '../host/hostPort';

/** What the user reads when something fails: what happened and what to do. `retry` offers a Try again button. */
export interface UserMessage {
  title: string;
  action: string;
  retry: boolean;
  /** The server's correlation id, shown as "Reference: …" to quote when asking for help; only for real failures. */
  correlationId?: string;
}

type Message = Omit<UserMessage, 'correlationId'>;

/** README's admin guide, step 2 (the enterprise application is the app registration's name). */
const ADMIN_CONSENT = 'in the Microsoft Entra admin center (Enterprise applications → Contact Sync → Permissions → Grant admin consent).';
/** README's admin guide, step 1 (by hand) and the troubleshooting row of resourceDisabled. */
const APP_ID_URI = 'Ask your admin to check the app registration in the Microsoft Entra admin center: Expose an API → the Application ID URI must be api://{tab host}/{client id}, exactly as in the app package, with the Teams clients pre-authorised. Then re-upload the app package.';

const NEEDS_ADMIN_CONSENT: Message = { title: 'An admin must grant consent for Outlook Contact Sync.', action: `Teams cannot sign you in to the app until then. Ask your admin to grant it ${ADMIN_CONSENT} Then try again.`, retry: true };
const REGISTRATION_MISMATCH: Message = { title: 'Teams cannot sign you in: the app\'s registration does not match the app.', action: APP_ID_URI, retry: true };

/**
 * What Teams' silent sign-in (`authentication.getAuthToken`) fails with: the same words mean something else than
 * from the consent popup (CancelledByUser there: the Outlook window was closed).
 */
const SIGN_IN: Record<string, Message> = {
  resourceRequiresConsent: NEEDS_ADMIN_CONSENT,
  consent_required: NEEDS_ADMIN_CONSENT,
  user_consent_required: NEEDS_ADMIN_CONSENT,
  tokenRevoked: { title: 'Your sign-in to Outlook Contact Sync was withdrawn.', action: `Try again and accept if Teams asks. If it keeps happening, ask your admin to grant consent ${ADMIN_CONSENT}`, retry: true },
  interaction_required: { title: 'Teams needs you to sign in again.', action: 'Try again and follow what Teams asks. If nothing opens, sign out of Teams and back in.', retry: true },
  CancelledByUser: { title: 'You closed the Teams sign-in window.', action: 'Nothing was changed. Try again and accept to use Outlook Contact Sync.', retry: true },
  FailedToOpenWindow: { title: 'Teams could not open its sign-in window.', action: 'Allow pop-ups for Teams, then try again.', retry: true },
  invalid_resource: REGISTRATION_MISMATCH,
  resourceDisabled: REGISTRATION_MISMATCH,
};

/** Messages by code: API error codes, teams-js failure reasons and Entra errors (AADSTS…). */
const BY_CODE: Record<string, Message> = {
  consent_required: { title: 'Outlook Sync needs your permission to read your Outlook contacts.', action: 'Select Connect Outlook and accept in the window that opens.', retry: false },
  reconnect_needed: { title: 'Your Outlook connection has expired.', action: 'Select Connect Outlook to connect again.', retry: false },
  CancelledByUser: { title: 'You closed the Outlook window before connecting.', action: 'Nothing was changed. Select Connect Outlook to try again.', retry: true },
  FailedToOpenWindow: { title: 'Teams could not open the Outlook sign-in window.', action: 'Allow pop-ups for Teams, then select Connect Outlook again.', retry: true },
  consent_failed: { title: 'Connecting Outlook did not finish.', action: 'Select Connect Outlook to try again. If it keeps failing, ask your admin.', retry: true },
  resourceDisabled: REGISTRATION_MISMATCH,
  resourceRequiresConsent: NEEDS_ADMIN_CONSENT,
  // The user selected Cancel on Entra's consent screen (access_denied, AADSTS65004).
  AADSTS65004: { title: 'You did not allow Outlook Contact Sync to read your contacts.', action: 'Nothing was changed. Select Connect Outlook when you are ready to allow it.', retry: true },
  AADSTS65001: { title: 'Your organisation has not consented to Outlook Contact Sync.', action: `Ask your admin to grant consent ${ADMIN_CONSENT}`, retry: true },
  AADSTS500011: { title: 'Outlook Contact Sync is not registered in your organisation.', action: `Ask your admin to grant consent ${ADMIN_CONSENT} If it is granted, check the app registration: Expose an API → the Application ID URI must be api://{tab host}/{client id}, exactly as in the app package.`, retry: true },
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

/** Not failures but what the user is asked to do (consent, wait): nothing to quote, so no reference line. */
const EXPECTED = new Set(['consent_required', 'reconnect_needed', 'sync_running', 'integration_missing']);

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
  const signIn = error instanceof HostAuthError && error.step === 'sign_in' ? SIGN_IN[code] : undefined;
  const correlationId = error instanceof ApiError && !EXPECTED.has(code) && error.options.correlationId ? error.options.correlationId : undefined;
  const known = signIn ?? BY_CODE[code] ?? fallback(code, correlationId);
  if (code === 'throttled' && error instanceof ApiError && error.options.retryAfterSec) {
    return { ...known, action: `Try again in ${error.options.retryAfterSec} seconds.`, correlationId };
  }
  return correlationId ? { ...known, correlationId } : known;
}

/** An unknown failure: the reference to quote when there is one, else the code, never a promise of either. */
function fallback(code: string, correlationId: string | undefined): Message {
  const ask = correlationId ? 'tell your admin and quote the reference below.'
    : code === 'unknown' ? 'tell your admin what you were doing when it failed.' : `tell your admin it failed with “${code}”.`;
  return { title: 'Something went wrong.', action: `Try again. If it keeps failing, ${ask}`, retry: true };
}
