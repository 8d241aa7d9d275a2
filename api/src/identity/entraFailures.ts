import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import { AppError } from '../errors/appError';

/**
 * What an msal-node failure means for us:
 * - `consent`: the user must consent (again) or otherwise interact: AADSTS65001, `consent_required`,
 *   `interaction_required`, or any InteractionRequiredAuthError (msal's own verdict; the tab's consent
 *   popup is that interaction). Entra sends 65001 on a refresh without a suberror, so msal raises a plain
 *   ServerError there: the code is recognised, not only the class;
 * - `grant`: Entra refused the grant for another reason (expired or revoked assertion or refresh token);
 * - `client`: our app registration's credentials are wrong (`invalid_client`, `unauthorized_client`);
 * - `other`: network, Entra outage, anything else.
 */
export type EntraFailure = 'consent' | 'grant' | 'client' | 'other';

const CONSENT_CODES = new Set(['consent_required', 'interaction_required']);

/** Classifies an error thrown by msal-node. */
export function classifyEntraFailure(error: unknown): EntraFailure {
  if (!(error instanceof AuthError)) return 'other';
  if (error instanceof InteractionRequiredAuthError || isConsentFailure(error)) return 'consent';
  if (error.errorCode === 'invalid_client' || error.errorCode === 'unauthorized_client') return 'client';
  if (error.errorCode === 'invalid_grant') return 'grant';
  return 'other';
}

function isConsentFailure(error: AuthError): boolean {
  const errorNo = (error as { errorNo?: unknown }).errorNo;
  return CONSENT_CODES.has(error.errorCode)
    || CONSENT_CODES.has(error.subError)
    || String(errorNo) === '65001'
    || /\bAADSTS65001\b/.test(error.errorMessage);
}

/** The AppError a failed on-behalf-of exchange gives the caller (the msal error stays in `cause`). */
export function exchangeError(failure: EntraFailure, cause: unknown): AppError {
  switch (failure) {
    case 'consent':
      return new AppError('consent_required', 'Allow Contact Sync to read your Outlook contacts, then try again.', { cause });
    case 'grant':
      return new AppError('unauthorized', 'Your sign-in could not be verified. Close and reopen the app to sign in again.', { cause });
    default:
      return commonError(failure, cause);
  }
}

/** The AppError when a background call finds the stored cache no longer works. */
export function reconnectError(cause?: unknown): AppError {
  return new AppError('reconnect_needed', 'Open Contact Sync in Teams to reconnect your Outlook contacts.', { cause });
}

/** Failures that mean the same for every flow: our credentials, or Entra out of reach. */
export function commonError(failure: EntraFailure, cause: unknown): AppError {
  if (failure === 'client') {
    return new AppError('configuration_invalid', 'Entra refused the app\'s credentials: check M365_CLIENT_ID and M365_CLIENT_SECRET.', {
      cause, details: { setting: 'M365_CLIENT_SECRET' },
    });
  }
  return new AppError('internal', 'Microsoft sign-in could not be reached. Please try again in a moment.', { cause });
}
