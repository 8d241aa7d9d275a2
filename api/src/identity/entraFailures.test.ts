import { AuthError, ClientAuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { classifyEntraFailure, exchangeError, type EntraFailure } from './entraFailures';

describe('classifyEntraFailure', () => {
  it.each<[string, unknown, EntraFailure]>([
    ['invalid_grant + suberror consent_required (on-behalf-of)',
      new InteractionRequiredAuthError('invalid_grant', '', 'AADSTS65001: The user or administrator has not consented…', 'consent_required'), 'consent'],
    ['interaction_required', new InteractionRequiredAuthError('interaction_required', '', 'AADSTS50076: …'), 'consent'],
    ['consent_required as the error code', new ServerError('consent_required', '', 'AADSTS65001: …'), 'consent'],
    ['invalid_grant with error number 65001 and no suberror (refresh after revocation)',
      new ServerError('invalid_grant', '', 'Error(s): 65001 - Description: …', undefined, '65001'), 'consent'],
    ['invalid_grant naming AADSTS65001 only in the description',
      new ServerError('invalid_grant', '', 'Description: AADSTS65001: The user or administrator has not consented…'), 'consent'],
    ['invalid_grant for an expired assertion', new ServerError('invalid_grant', '', 'AADSTS500133: Assertion is not within its valid time range.', undefined, '500133'), 'grant'],
    ['no refresh token in the cache', new InteractionRequiredAuthError('no_tokens_found', ''), 'consent'],
    ['login_required', new InteractionRequiredAuthError('login_required', '', 'AADSTS50058: …'), 'consent'],
    ['invalid_client', new ServerError('invalid_client', '', 'AADSTS7000215: Invalid client secret provided.'), 'client'],
    ['unauthorized_client', new ServerError('unauthorized_client', '', 'AADSTS700016: …'), 'client'],
    ['a network failure inside msal', new ClientAuthError('network_error', ''), 'other'],
    ['a generic msal error', new AuthError('unknown_error', ''), 'other'],
    ['a plain error', new Error('socket hang up'), 'other'],
  ])('%s', (_name, error, expected) => {
    expect(classifyEntraFailure(error)).toBe(expected);
  });
});

describe('exchangeError', () => {
  it.each<[EntraFailure, string, number]>([
    ['consent', 'consent_required', 403],
    ['grant', 'unauthorized', 401],
    ['client', 'configuration_invalid', 500],
    ['other', 'internal', 500],
  ])('maps %s to %s', (failure, code, status) => {
    const cause = new ServerError('x', '', 'AADSTS: detail for the log only');
    const error = exchangeError(failure, cause);
    expect(error).toMatchObject({ code, status });
    expect(error.cause).toBe(cause);
    expect(error.message).not.toContain('AADSTS');
  });
});
