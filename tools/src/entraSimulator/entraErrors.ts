import { randomUUID } from 'node:crypto';

/** An HTTP answer of the token endpoint. */
export interface EndpointResult {
  status: number;
  body: unknown;
}

/** Options for {@link entraError}. */
interface EntraErrorOptions {
  status?: number;
  suberror?: string;
}

/**
 * An error body shaped like Entra's v2 token endpoint (documented in "OAuth 2.0 authorization code flow",
 * Error response): `error`, `error_description` starting with the AADSTS code and ending with
 * `\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: …`, `error_codes`, `timestamp`, `trace_id`,
 * `correlation_id`; plus `error_uri`, which Entra also sends, and `suberror` where Entra sends one.
 */
export function entraError(error: string, code: number, text: string, options: EntraErrorOptions = {}): EndpointResult {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return {
    status: options.status ?? 400,
    body: {
      error,
      error_description: `AADSTS${code}: ${text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
      ...(options.suberror ? { suberror: options.suberror } : {}),
    },
  };
}

/** On-behalf-of without (propagated) consent: invalid_grant AADSTS65001 with suberror consent_required. */
export function consentRequired(clientId: string): EndpointResult {
  return entraError('invalid_grant', 65001,
    `The user or administrator has not consented to use the application with ID '${clientId}' named 'Outlook Contact Sync'. Send an interactive authorization request for this user and resource.`,
    { suberror: 'consent_required' });
}

/**
 * A refresh token redeemed after consent was revoked. Entra answers invalid_grant/AADSTS65001 without a
 * suberror here: callers must recognise the code, not only the suberror.
 */
export function consentRevokedOnRefresh(clientId: string): EndpointResult {
  return entraError('invalid_grant', 65001,
    `The user or administrator has not consented to use the application with ID '${clientId}'. Send an interactive authorization request for this user and resource.`);
}

export function invalidClientSecret(clientId: string): EndpointResult {
  return entraError('invalid_client', 7000215,
    `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    { status: 401 });
}

export function missingClientCredential(): EndpointResult {
  return entraError('invalid_client', 7000218,
    'The request body must contain the following parameter: \'client_assertion\' or \'client_secret\'.', { status: 401 });
}

export function unknownClient(clientId: string): EndpointResult {
  return entraError('unauthorized_client', 700016,
    `Application with identifier '${clientId}' was not found in the directory.`);
}

export function missingParameter(name: string): EndpointResult {
  return entraError('invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);
}

export function unsupportedGrant(grantType: string): EndpointResult {
  return entraError('unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
}

/** The assertion of an on-behalf-of request is not acceptable (`reason` says which check failed). */
export function invalidAssertion(reason: string): EndpointResult {
  return entraError('invalid_grant', 50013, `Assertion failed signature validation. [Reason - ${reason}]`);
}

export function expiredAssertion(): EndpointResult {
  return entraError('invalid_grant', 500133, 'Assertion is not within its valid time range.');
}

/** A refresh token issued before the user's sessions were revoked (AADSTS50173 FreshTokenNeeded). */
export function revokedGrant(issuedAt: number, validFrom: number): EndpointResult {
  return entraError('invalid_grant', 50173,
    `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${new Date(issuedAt).toISOString()}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${new Date(validFrom).toISOString()}'.`);
}

export function badRefreshToken(): EndpointResult {
  return entraError('invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
}

export function unsupportedScope(scope: string): EndpointResult {
  return entraError('invalid_scope', 70011,
    `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`);
}

/** A code that is unknown, used or expired: invalid_grant AADSTS70008. */
export function badAuthorizationCode(): EndpointResult {
  return entraError('invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.');
}

/** `redirect_uri` differs from the authorization request's: invalid_grant AADSTS50148. */
export function redirectUriMismatch(): EndpointResult {
  return entraError('invalid_grant', 50148, 'The redirect_uri specified in the token request does not match the redirect_uri used to obtain the authorization code.');
}

/** PKCE: the verifier does not hash to the challenge: invalid_grant AADSTS501481. */
export function codeVerifierMismatch(): EndpointResult {
  return entraError('invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
}
