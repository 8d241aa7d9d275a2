import { AppError } from '../errors/appError';
import { CacheUnreadableError, type CacheCipher } from './cacheCipher';
import { openGrant, sealGrant, type DelegatedGrant } from './delegatedGrant';
import { classifyEntraFailure, commonError, exchangeError, reconnectError } from './entraFailures';
import type { CallerIdentity } from './ssoTokenValidator';
import type { TokenEndpointClient, TokenGrant } from './tokenEndpointClient';
import type { UserTokenCacheStore } from './userTokenCacheStore';

/** Graph tokens for a user: from the tab's SSO token now, or from the stored grant later. */
export interface TokenBroker {
  /** On-behalf-of exchange of a validated SSO token; stores the user's grant for later. */
  exchange(ssoToken: string, identity: Pick<CallerIdentity, 'tenantId' | 'userId'>): Promise<string>;
  /** A Graph token without the user present (bot, schedule); `reconnect_needed` when the stored grant no longer works. */
  tokenForBackground(tenantId: string, userId: string): Promise<string>;
}

/** What the sync needs from Graph, plus a refresh token for background syncs. */
export const GRAPH_SCOPES: readonly string[] = ['https://graph.microsoft.com/Contacts.Read', 'offline_access'];

/** Consent reaches Entra a few seconds after the user grants it: about 5 s of retries in all. */
export const DEFAULT_CONSENT_RETRY_DELAYS_MS: readonly number[] = [500, 1000, 1500, 2000];

/**
 * After the user was told to consent, their next exchange within this window is the tab's retry after the
 * consent popup: only then is consent_required worth waiting out (Entra's propagation delay).
 */
export const CONSENT_PENDING_MS = 10 * 60_000;

/** A stored Graph token is used in the background only while it has this much life left. */
export const ACCESS_TOKEN_MARGIN_MS = 5 * 60_000;

/** Where the broker reports what it did; ids only, never tokens. `InvocationContext` fits. */
export interface BrokerLog {
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** What {@link OboTokenBroker} needs. */
export interface OboTokenBrokerOptions {
  tokens: TokenEndpointClient;
  store: UserTokenCacheStore;
  cipher: CacheCipher;
  /** Waits before each retry while Entra still answers consent_required after a consent popup. */
  consentRetryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  log?: BrokerLog;
}

/**
 * The TokenBroker on Entra's documented grants: the on-behalf-of exchange when the user is present, the
 * refresh-token grant in the background. The user's latest refresh and access tokens are kept encrypted in
 * Table Storage (one row per user), so every instance of the app sees the same grant.
 */
export class OboTokenBroker implements TokenBroker {
  private readonly delays: readonly number[];
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly options: OboTokenBrokerOptions) {
    this.delays = options.consentRetryDelaysMs ?? DEFAULT_CONSENT_RETRY_DELAYS_MS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
  }

  async exchange(ssoToken: string, identity: Pick<CallerIdentity, 'tenantId' | 'userId'>): Promise<string> {
    const { tenantId, userId } = identity;
    const started = this.now();
    let delays: readonly number[] | undefined;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const grant = await this.options.tokens.onBehalfOf(tenantId, ssoToken, GRAPH_SCOPES);
        await this.save(tenantId, userId, grant, undefined, started);
        return grant.accessToken;
      } catch (error) {
        const failure = classifyEntraFailure(error);
        if (failure !== 'consent') throw exchangeError(failure, error);
        // The first consent_required is answered at once (the tab shows the popup); only the retry after
        // the popup waits for the fresh consent to reach Entra.
        delays ??= (await this.consentPending(tenantId, userId)) ? this.delays : [];
        const delay = delays[attempt];
        if (delay === undefined) {
          if (attempt === 0) await this.options.store.markConsentRequested(tenantId, userId, new Date(this.now()));
          throw exchangeError(failure, error);
        }
        this.options.log?.warn('Entra has no consent yet; retrying the exchange', { tenantId, userId, attempt: attempt + 1 });
        await this.sleep(delay);
      }
    }
  }

  async tokenForBackground(tenantId: string, userId: string): Promise<string> {
    const stored = await this.storedGrant(tenantId, userId);
    if (stored.accessTokenExpiresAt - this.now() > ACCESS_TOKEN_MARGIN_MS) return stored.accessToken;
    if (!stored.refreshToken) return this.needReconnect(tenantId, userId, 'no refresh token (offline_access not granted)');
    const started = this.now();
    let grant: TokenGrant;
    try {
      grant = await this.options.tokens.refresh(tenantId, stored.refreshToken, GRAPH_SCOPES);
    } catch (error) {
      const failure = classifyEntraFailure(error);
      if (failure === 'consent' || failure === 'grant') return this.needReconnect(tenantId, userId, `entra refused: ${failure}`, error);
      throw commonError(failure, error);
    }
    await this.save(tenantId, userId, grant, stored.refreshToken, started);
    return grant.accessToken;
  }

  private async consentPending(tenantId: string, userId: string): Promise<boolean> {
    const askedAt = await this.options.store.consentRequestedAt(tenantId, userId);
    return askedAt !== undefined && this.now() - askedAt.getTime() < CONSENT_PENDING_MS;
  }

  private async storedGrant(tenantId: string, userId: string): Promise<DelegatedGrant> {
    const sealed = await this.options.store.read(tenantId, userId);
    if (!sealed) return this.needReconnect(tenantId, userId, 'no stored grant');
    try {
      return openGrant(this.options.cipher, tenantId, userId, sealed);
    } catch (error) {
      if (!(error instanceof CacheUnreadableError) && !(error instanceof SyntaxError)) throw error;
      return this.needReconnect(tenantId, userId, 'stored grant unreadable');
    }
  }

  /** Stores the new tokens; Entra asks to replace the refresh token with each new one, and keep it otherwise. */
  private async save(tenantId: string, userId: string, grant: TokenGrant, previousRefreshToken: string | undefined, requestedAt: number): Promise<void> {
    if (!grant.accessToken) throw new AppError('internal', 'Microsoft sign-in gave no token. Please try again.');
    const stored: DelegatedGrant = {
      refreshToken: grant.refreshToken ?? previousRefreshToken,
      accessToken: grant.accessToken,
      // Counted from the request, so clock time spent in transit shortens the token's life, never lengthens it.
      accessTokenExpiresAt: requestedAt + grant.expiresInSec * 1000,
    };
    await this.options.store.write(tenantId, userId, sealGrant(this.options.cipher, tenantId, userId, stored));
  }

  private async needReconnect(tenantId: string, userId: string, reason: string, cause?: unknown): Promise<never> {
    await this.options.store.markReconnectNeeded(tenantId, userId);
    this.options.log?.warn('Background token unavailable; the user must reconnect', { tenantId, userId, reason });
    throw reconnectError(cause);
  }
}
