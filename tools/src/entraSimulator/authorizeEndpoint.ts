import { randomBytes } from 'node:crypto';
import type { AuthorizationCodeStore } from './authorizationCodes';
import type { UserProfile } from './refreshTokens';

/** What the consent page does: show Accept / Cancel, or answer at once as if the user had clicked. */
export type ConsentPromptMode = 'page' | 'accept' | 'cancel';

/** An HTTP answer of the authorize endpoint: an HTML page or a redirect. */
export interface AuthorizeResult {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** What the authorize endpoint needs from the simulator. */
export interface AuthorizeDeps {
  clientId: string;
  codes: AuthorizationCodeStore;
  /** Who `login_hint` names in this tenant (a UPN the simulator knows, or `{oid}@{tenant}`). */
  findUser(tenantId: string, loginHint: string): UserProfile | undefined;
  /** Records the user's consent (Accept on the consent page). */
  grantConsent(user: UserProfile): void;
  promptMode(): ConsentPromptMode;
}

interface PendingRequest {
  tenantId: string;
  user: UserProfile;
  params: URLSearchParams;
}

/**
 * `GET /{tenant}/oauth2/v2.0/authorize` for the authorization code flow with PKCE ("Microsoft identity platform
 * and OAuth 2.0 authorization code flow"): a consent page; Accept records consent and redirects to
 * `redirect_uri` with `code` and `state`, Cancel with `error=access_denied` — in the query or the fragment,
 * as `response_mode` asks (query by default for `code`). Bad client or redirect URI: an error page, no redirect.
 */
export class AuthorizeEndpoint {
  private readonly pending = new Map<string, PendingRequest>();

  constructor(private readonly deps: AuthorizeDeps) {}

  authorize(tenantId: string, params: URLSearchParams): AuthorizeResult {
    const clientId = params.get('client_id') ?? '';
    if (clientId.toLowerCase() !== this.deps.clientId.toLowerCase()) {
      return errorPage(`AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${tenantId}'.`);
    }
    const redirectUri = params.get('redirect_uri') ?? '';
    if (!/^https?:\/\//.test(redirectUri)) return errorPage('AADSTS900144: The request body must contain the following parameter: \'redirect_uri\'.');
    if (params.get('response_type') !== 'code') return redirectError(params, 'unsupported_response_type', 'AADSTS70000: only response_type=code is served here.');
    if (!params.get('code_challenge')) {
      return redirectError(params, 'invalid_request', 'AADSTS9002325: Proof Key for Code Exchange is required for cross-origin authorization code redemption.');
    }
    const user = this.deps.findUser(tenantId, params.get('login_hint') ?? '');
    if (!user) return redirectError(params, 'login_required', 'AADSTS50058: A silent sign-in request was sent but no user is signed in.');
    const request = { tenantId, user, params };
    const mode = this.deps.promptMode();
    if (mode !== 'page') return this.decide(request, mode === 'accept');
    const id = randomBytes(16).toString('base64url');
    this.pending.set(id, request);
    return { status: 200, body: consentPage(tenantId, id, user), headers: { 'Content-Type': 'text/html; charset=utf-8' } };
  }

  /** `POST /{tenant}/oauth2/v2.0/authorize/decision` (the consent page's buttons): `request`, `decision`. */
  decision(form: URLSearchParams): AuthorizeResult {
    const id = form.get('request') ?? '';
    const request = this.pending.get(id);
    this.pending.delete(id);
    if (!request) return errorPage('AADSTS90014: this consent request is unknown or was already answered.');
    return this.decide(request, form.get('decision') === 'accept');
  }

  private decide(request: PendingRequest, accepted: boolean): AuthorizeResult {
    const { params, user } = request;
    if (!accepted) {
      return redirectError(params, 'access_denied', 'AADSTS65004: User declined to consent to access the app.');
    }
    this.deps.grantConsent(user);
    const method = params.get('code_challenge_method') === 'S256' ? 'S256' : 'plain';
    const code = this.deps.codes.issue({
      user, clientId: this.deps.clientId, redirectUri: params.get('redirect_uri') ?? '', scope: params.get('scope') ?? '',
      codeChallenge: params.get('code_challenge') ?? '', codeChallengeMethod: method, nonce: params.get('nonce') ?? undefined,
    });
    return redirectWith(params, { code, client_info: clientInfo(user) });
  }
}

function clientInfo(user: UserProfile): string {
  return Buffer.from(JSON.stringify({ uid: user.userId, utid: user.tenantId })).toString('base64url');
}

function redirectError(params: URLSearchParams, error: string, description: string): AuthorizeResult {
  return redirectWith(params, { error, error_description: description });
}

/** Redirects to `redirect_uri` with the answer and `state`, in the fragment or the query (`response_mode`). */
function redirectWith(params: URLSearchParams, answer: Record<string, string>): AuthorizeResult {
  const state = params.get('state');
  const fields = new URLSearchParams({ ...answer, ...(state === null ? {} : { state }) }).toString();
  const target = new URL(params.get('redirect_uri') ?? '');
  if (params.get('response_mode') === 'fragment') target.hash = fields;
  else target.search = fields;
  return { status: 302, body: '', headers: { Location: target.toString() } };
}

function errorPage(message: string): AuthorizeResult {
  return { status: 400, body: page('Sign in error', `<p role="alert">${escapeHtml(message)}</p>`), headers: { 'Content-Type': 'text/html; charset=utf-8' } };
}

function consentPage(tenantId: string, id: string, user: UserProfile): string {
  const action = `/${encodeURIComponent(tenantId)}/oauth2/v2.0/authorize/decision`;
  const button = (decision: string, label: string): string =>
    `<form method="post" action="${action}"><input type="hidden" name="request" value="${id}">`
    + `<button name="decision" value="${decision}">${label}</button></form>`;
  return page('Permissions requested', `<h1>Permissions requested</h1><p>${escapeHtml(user.upn)}</p>`
    + '<p>Read your contacts; maintain access to data you have given it access to.</p>'
    + button('accept', 'Accept') + button('cancel', 'Cancel'));
}

function page(title: string, content: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${content}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
