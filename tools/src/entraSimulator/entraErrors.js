"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.entraError = entraError;
exports.consentRequired = consentRequired;
exports.consentRevokedOnRefresh = consentRevokedOnRefresh;
exports.invalidClientSecret = invalidClientSecret;
exports.missingClientCredential = missingClientCredential;
exports.unknownClient = unknownClient;
exports.missingParameter = missingParameter;
exports.unsupportedGrant = unsupportedGrant;
exports.invalidAssertion = invalidAssertion;
exports.expiredAssertion = expiredAssertion;
exports.badRefreshToken = badRefreshToken;
exports.unsupportedScope = unsupportedScope;
const node_crypto_1 = require("node:crypto");
/**
 * An error body shaped like Entra's v2 token endpoint: `error`, `error_description` starting with the
 * AADSTS code and ending with trace/correlation ids and a timestamp, `error_codes`, `timestamp`,
 * `trace_id`, `correlation_id`, `error_uri`, and `suberror` where Entra sends one.
 */
function entraError(error, code, text, options = {}) {
    const traceId = (0, node_crypto_1.randomUUID)();
    const correlationId = (0, node_crypto_1.randomUUID)();
    const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
    return {
        status: options.status ?? 400,
        body: {
            error,
            error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
            error_codes: [code],
            timestamp,
            trace_id: traceId,
            correlation_id: correlationId,
            error_uri: `https://login.microsoftonline.com/error?code=${code}`,
            ...(options.suberror ? { suberror: options.suberror } : {}),
        },
    };
}
/** On-behalf-of without (propagated) consent: msal-node reads this as InteractionRequiredAuthError. */
function consentRequired(clientId) {
    return entraError('invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${clientId}' named 'Outlook Contact Sync'. Send an interactive authorization request for this user and resource.`, { suberror: 'consent_required' });
}
/**
 * A refresh token redeemed after consent was revoked. Entra answers invalid_grant/AADSTS65001 without a
 * suberror here, so msal-node raises a plain ServerError: callers must recognise the code, not the class.
 */
function consentRevokedOnRefresh(clientId) {
    return entraError('invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${clientId}'. Send an interactive authorization request for this user and resource.`);
}
function invalidClientSecret(clientId) {
    return entraError('invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`, { status: 401 });
}
function missingClientCredential() {
    return entraError('invalid_client', 7000218, 'The request body must contain the following parameter: \'client_assertion\' or \'client_secret\'.', { status: 401 });
}
function unknownClient(clientId) {
    return entraError('unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory.`);
}
function missingParameter(name) {
    return entraError('invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);
}
function unsupportedGrant(grantType) {
    return entraError('unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
}
/** The assertion of an on-behalf-of request is not acceptable (`reason` says which check failed). */
function invalidAssertion(reason) {
    return entraError('invalid_grant', 50013, `Assertion failed signature validation. [Reason - ${reason}]`);
}
function expiredAssertion() {
    return entraError('invalid_grant', 500133, 'Assertion is not within its valid time range.');
}
function badRefreshToken() {
    return entraError('invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
}
function unsupportedScope(scope) {
    return entraError('invalid_scope', 70011, `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`);
}
//# sourceMappingURL=entraErrors.js.map