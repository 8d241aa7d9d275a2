import { classifyEntraFailure, exchangeError, type EntraFailure } from './entraFailures';
import { EntraTokenError } from './tokenEndpointClient';

describe('classifyEntraFailure', () => {
  it.each<[string, unknown, EntraFailure]>([
    ['invalid_grant + suberror consent_required (on-behalf-of without consent)',
      new EntraTokenError('invalid_grant', [65001], 400, 'consent_required'), 'consent'],
    ['invalid_grant 65001 without a suberror (a refresh after consent was revoked)', new EntraTokenError('invalid_grant', [65001], 400), 'consent'],
    ['interaction_required (multifactor authentication)', new EntraTokenError('interaction_required', [50079], 400), 'consent'],
    ['consent_required as the error', new EntraTokenError('consent_required', [65001], 400), 'consent'],
    ['invalid_grant for an expired assertion', new EntraTokenError('invalid_grant', [500133], 400), 'grant'],
    ['invalid_grant for a revoked refresh token', new EntraTokenError('invalid_grant', [50173], 400), 'grant'],
    ['invalid_grant for a refresh token expired by inactivity', new EntraTokenError('invalid_grant', [700082], 400, 'bad_token'), 'grant'],
    ['invalid_client', new EntraTokenError('invalid_client', [7000215], 401), 'client'],
    ['unauthorized_client', new EntraTokenError('unauthorized_client', [700016], 400), 'client'],
    ['an Entra outage', new EntraTokenError('server_error', [], 503), 'other'],
    ['the token endpoint out of reach', new EntraTokenError('temporarily_unavailable', [], 0), 'other'],
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
    const cause = new EntraTokenError('x', [1], 400, undefined, 'AADSTS1: detail for the log only');
    const error = exchangeError(failure, cause);
    expect(error).toMatchObject({ code, status });
    expect(error.cause).toBe(cause);
    expect(error.message).not.toContain('AADSTS');
  });
});
