import { ApiError } from '../api/apiError';
import { HostAuthError } from '../host/hostPort';
import { codeOf, userMessageOf } from './errorMessages';

describe('userMessageOf', () => {
  it.each([
    [new ApiError('consent_required', 'x', 403), 'consent_required', /Connect Outlook/],
    [new HostAuthError('CancelledByUser', 'CancelledByUser', 'consent'), 'CancelledByUser', /Nothing was changed/],
    [new Error('AADSTS65001: The user or administrator has not consented'), 'AADSTS65001', /Grant admin consent/],
    [new HostAuthError('unknown', 'invalid_grant AADSTS500011: resource principal not found'), 'AADSTS500011', /Application ID URI/],
    [new HostAuthError('resourceDisabled', 'resourceDisabled'), 'resourceDisabled', /Expose an API/],
    [new ApiError('api_unreachable', 'x', 0), 'api_unreachable', /Check your connection/],
    [new ApiError('something_new', 'x', 500, { correlationId: 'c-1' }), 'something_new', /quote the reference/],
  ])('%s → code %s and an action', (error, code, action) => {
    expect(codeOf(error)).toBe(code);
    expect(userMessageOf(error).action).toMatch(action);
  });

  // What Teams answers getAuthToken with (teams-js rejects with Error(reason)): each says who does what.
  it.each([
    ['resourceRequiresConsent', 'An admin must grant consent for Outlook Contact Sync.', /Microsoft Entra admin center .*Grant admin consent.*Then try again/],
    ['consent_required', 'An admin must grant consent for Outlook Contact Sync.', /Grant admin consent/],
    ['user_consent_required', 'An admin must grant consent for Outlook Contact Sync.', /Grant admin consent/],
    ['tokenRevoked', 'Your sign-in to Outlook Contact Sync was withdrawn.', /^Try again and accept if Teams asks/],
    ['interaction_required', 'Teams needs you to sign in again.', /^Try again/],
    ['CancelledByUser', 'You closed the Teams sign-in window.', /^Nothing was changed\. Try again/],
    ['FailedToOpenWindow', 'Teams could not open its sign-in window.', /Allow pop-ups for Teams, then try again/],
    ['invalid_resource', 'Teams cannot sign you in: the app\'s registration does not match the app.', /Application ID URI must be api:\/\/\{tab host\}\/\{client id\}/],
    ['resourceDisabled', 'Teams cannot sign you in: the app\'s registration does not match the app.', /Application ID URI must be api:\/\/\{tab host\}\/\{client id\}/],
    ['timeout', 'Teams did not answer the sign-in request in time.', /Select Try again/],
  ])('getAuthToken refused with %s: "%s", what to do, and no reference promised', (reason, title, action) => {
    const message = userMessageOf(new HostAuthError(reason, reason, 'sign_in'));
    expect(message.title).toBe(title);
    expect(message.action).toMatch(action);
    expect(message.retry).toBe(true);
    expect(message.correlationId).toBeUndefined();
    expect(`${message.title} ${message.action}`).not.toMatch(/reference|Something went wrong/i);
  });

  it.each([
    [new HostAuthError('somethingNew', 'somethingNew'), /it failed with “somethingNew”/],
    [new Error('boom'), /what you were doing/],
    [new ApiError('internal', 'x', 500), /it failed with “internal”/],
  ])('an unknown failure without a correlation id (%s) promises no reference', (error, action) => {
    const message = userMessageOf(error);
    expect(message.action).toMatch(action);
    expect(message.action).not.toMatch(/reference/i);
    expect(message.correlationId).toBeUndefined();
  });

  it('keeps the correlation id to quote, and then says to quote it', () => {
    const message = userMessageOf(new ApiError('internal', 'x', 500, { correlationId: 'c-9' }));
    expect(message.correlationId).toBe('c-9');
    expect(message.action).toMatch(/quote the reference below/);
  });

  it.each(['consent_required', 'reconnect_needed', 'sync_running', 'integration_missing'])('%s asks the user to act: no reference to quote', (code) => {
    expect(userMessageOf(new ApiError(code, 'x', 403, { correlationId: 'c-3' })).correlationId).toBeUndefined();
  });
});
