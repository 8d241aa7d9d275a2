import { HostAuthError } from './hostPort';
import { asHostAuthError, hostReasonOf } from './hostFailure';

describe('hostReasonOf', () => {
  it.each([
    ['resourceRequiresConsent', 'resourceRequiresConsent'],
    ['CancelledByUser', 'CancelledByUser'],
    ['FailedToOpenWindow', 'FailedToOpenWindow'],
    ['tokenRevoked', 'tokenRevoked'],
    ['Get SSO token failed with error: tokenRevoked', 'tokenRevoked'],
    ['invalid_resource|AADSTS500011: The resource principal named api://x/y was not found', 'invalid_resource'],
    ['error:invalid_resource|AADSTS500011: not found, error mapped to action:resourceDisabled', 'resourceDisabled'],
    ['user_consent_required', 'user_consent_required'],
    ['somethingNew: details', 'somethingNew'],
    ['', 'unknown'],
  ])('%j → %s', (text, reason) => {
    expect(hostReasonOf(text)).toBe(reason);
  });

  it('keeps the step and the host text', () => {
    const error = asHostAuthError(new Error('resourceRequiresConsent'), 'sign_in');
    expect(error).toBeInstanceOf(HostAuthError);
    expect([error.reason, error.step, error.message]).toEqual(['resourceRequiresConsent', 'sign_in', 'resourceRequiresConsent']);
  });
});
