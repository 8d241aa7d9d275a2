import { HostAuthError, type HostPort, type HostTheme } from '../host/hostPort';

/** A host for component tests: a fixed token, consent that succeeds or fails as told, theme events on demand. */
export class FakeHost implements HostPort {
  readonly kind = 'teams';
  consentCalls = 0;
  /** Reason to fail consent with (`CancelledByUser`, `AADSTS65001`…), or undefined to consent. */
  consentFailure: string | undefined;
  tokenFailure: HostAuthError | undefined;
  private themeHandler: ((theme: HostTheme) => void) | undefined;
  onConsent: () => void = () => undefined;

  constructor(readonly theme: HostTheme = 'default', private readonly roles: string[] = []) {}

  onThemeChange(handler: (theme: HostTheme) => void): void { this.themeHandler = handler; }
  changeTheme(theme: HostTheme): void { this.themeHandler?.(theme); }

  getToken(): Promise<string> {
    if (this.tokenFailure) return Promise.reject(this.tokenFailure);
    const claims = { tid: '99999999-8888-4777-8666-555555555555', oid: 'user-1', name: 'Ada', roles: this.roles };
    return Promise.resolve(`x.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.y`);
  }

  consent(): Promise<void> {
    this.consentCalls += 1;
    if (this.consentFailure) return Promise.reject(new HostAuthError(this.consentFailure, this.consentFailure, 'consent'));
    this.onConsent();
    return Promise.resolve();
  }
}
