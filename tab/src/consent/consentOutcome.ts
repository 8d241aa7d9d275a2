/**
 * What the consent page reports to the tab through `authentication.notifyFailure(reason)`: the tab decides on
 * it (CancelledByUser → "you closed the window"; AADSTS… → what an admin must fix).
 */
export function failureReasonOf(error: unknown): string {
  const raw: unknown = typeof error === 'object' && error && 'errorCode' in error ? error.errorCode : '';
  const code = typeof raw === 'string' ? raw : '';
  const message = error instanceof Error ? error.message : String(error);
  const aadsts = /AADSTS\d+/.exec(message)?.[0];
  if (aadsts) return aadsts;
  // MSAL: the user closed the window or declined on Entra's consent screen.
  if (code === 'user_cancelled' || code === 'access_denied' || /access_denied|consent_required.*declined/i.test(message)) return 'CancelledByUser';
  return code || 'consent_failed';
}
