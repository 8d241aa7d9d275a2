import { ApiError } from '../api/apiError';
import { HostAuthError } from '../host/hostPort';
import { codeOf, userMessageOf } from './errorMessages';

describe('userMessageOf', () => {
  it.each([
    [new ApiError('consent_required', 'x', 403), 'consent_required', /Connect Outlook/],
    [new HostAuthError('CancelledByUser', 'CancelledByUser'), 'CancelledByUser', /Nothing was changed/],
    [new Error('AADSTS65001: The user or administrator has not consented'), 'AADSTS65001', /Grant admin consent/],
    [new HostAuthError('unknown', 'invalid_grant AADSTS500011: resource principal not found'), 'AADSTS500011', /Application ID URI/],
    [new HostAuthError('resourceDisabled', 'resourceDisabled'), 'resourceDisabled', /Expose an API/],
    [new ApiError('api_unreachable', 'x', 0), 'api_unreachable', /Check your connection/],
    [new ApiError('something_new', 'x', 500), 'something_new', /quote the reference/],
  ])('%s → code %s and an action', (error, code, action) => {
    expect(codeOf(error)).toBe(code);
    expect(userMessageOf(error).action).toMatch(action);
  });

  it('keeps the correlation id to quote', () => {
    expect(userMessageOf(new ApiError('internal', 'x', 500, { correlationId: 'c-9' })).correlationId).toBe('c-9');
  });
});
