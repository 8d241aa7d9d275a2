import { AppError } from '../errors/appError';
import { EntraTokenError } from './tokenEndpointClient';

/**
 * What a token endpoint failure means for us:
 * - `consent`: the user must consent (again) or otherwise interact: AADSTS65001, `consent_required`,
 *   `interaction_required`, or suberror `consent_required` (the tab's consent popup is that interaction).
 *   Entra sends 65001 on a refresh without a suberror: the code is recognised, not only the suberror;
 * - `grant`: Entra refused the grant for another reason (expired or revoked assertion or refresh token);
 * - `client`: our app registration's credentials are wrong (`invalid_client`, `unauthorized_client`);
 * - `other`: network, Entra outage, a response we cannot read, anything else.
 */
export type EntraFailure = 'consent' | 'grant' | 'client' | 'other';

const CONSENT_ERRORS = new Set(['consent_required', 'interaction_required']);
const CONSENT_CODE = 65001;

/** Classifies an error of the token endpoint client. */
export function classifyEntraFailure(error: unknown): EntraFailure {
  if (!(error instanceof EntraTokenError)) return 'other';
  if (CONSENT_ERRORS.has(error.error) || error.suberror === 'consent_required' || error.errorCodes.includes(CONSENT_CODE)) return 'consent';
  if (error.error === 'invalid_client' || error.error === 'unauthorized_client') return 'client';
  if (error.error === 'invalid_grant') return 'grant';
  return 'other';
}

/** The AppError a failed on-behalf-of exchange gives the caller (the Entra error stays in `cause`). */
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
