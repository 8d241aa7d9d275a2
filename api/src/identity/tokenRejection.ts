import { errors } from 'jose';
import { AppError } from '../errors/appError';

/** Which check an SSO token failed: for the server log only, never for the caller. */
export type TokenRejectionReason =
  | 'missing_token'
  | 'malformed'
  | 'tenant_not_allowed'
  | 'tenant_not_enabled'
  | 'algorithm_not_allowed'
  | 'unknown_key'
  | 'bad_signature'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'expired'
  | 'not_yet_valid'
  | 'missing_claim'
  | 'missing_scope';

/**
 * The `cause` of an `unauthorized` AppError: carries the reason to the server log. It deliberately keeps
 * neither the token nor jose's error (whose `payload` holds the user's claims).
 */
export class TokenRejectedError extends Error {
  constructor(readonly reason: TokenRejectionReason, detail?: string) {
    super(detail ? `SSO token rejected: ${reason} (${detail})` : `SSO token rejected: ${reason}`);
    this.name = 'TokenRejectedError';
  }
}

/** The generic 401 every failed check gives; the reason is in `cause`. */
export function rejectToken(reason: TokenRejectionReason, detail?: string): AppError {
  return new AppError('unauthorized', 'Your sign-in could not be verified. Close and reopen the app to sign in again.', {
    cause: new TokenRejectedError(reason, detail),
  });
}

/** The reason behind an error from the validator, if it was a rejected token. */
export function rejectionReasonOf(error: unknown): TokenRejectionReason | undefined {
  if (!(error instanceof AppError) || error.code !== 'unauthorized') return undefined;
  return error.cause instanceof TokenRejectedError ? error.cause.reason : undefined;
}

/** Maps a jose verification error to a reason. */
export function reasonFromJose(error: errors.JOSEError): TokenRejectionReason {
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm_not_allowed';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'unknown_key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) return claimReason(error);
  return 'malformed';
}

function claimReason(error: errors.JWTClaimValidationFailed): TokenRejectionReason {
  if (error.reason === 'missing') return 'missing_claim';
  if (error.claim === 'iss') return 'wrong_issuer';
  if (error.claim === 'aud') return 'wrong_audience';
  if (error.claim === 'nbf' || error.claim === 'iat') return 'not_yet_valid';
  return 'malformed';
}
