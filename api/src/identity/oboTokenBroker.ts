import type { AuthenticationResult } from '@azure/msal-node';
import { AppError } from '../errors/appError';
import type { CacheCipher } from './cacheCipher';
import type { ConfidentialClientFactory } from './confidentialClientFactory';
import { createUserCachePlugin } from './encryptedCachePlugin';
import { classifyEntraFailure, commonError, exchangeError, reconnectError } from './entraFailures';
import type { CallerIdentity } from './ssoTokenValidator';
import type { UserTokenCacheStore } from './userTokenCacheStore';

/** Graph tokens for a user: from the tab's SSO token now, or from the stored cache later. */
export interface TokenBroker {
  /** On-behalf-of exchange of a validated SSO token; stores the user's cache for later. */
  exchange(ssoToken: string, identity: Pick<CallerIdentity, 'tenantId' | 'userId'>): Promise<string>;
  /** A Graph token without the user present (bot, schedule); `reconnect_needed` when the cache no longer works. */
  tokenForBackground(tenantId: string, userId: string): Promise<string>;
}

/** What the sync needs from Graph, plus a refresh token for background syncs. */
export const GRAPH_SCOPES: readonly string[] = ['https://graph.microsoft.com/Contacts.Read', 'offline_access'];

/** Consent reaches Entra a few seconds after the user grants it: about 5 s of retries in all. */
export const DEFAULT_CONSENT_RETRY_DELAYS_MS: readonly number[] = [500, 1000, 1500, 2000];

/** Where the broker reports what it did; ids only, never tokens. `InvocationContext` fits. */
export interface BrokerLog {
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** What {@link OboTokenBroker} needs. */
export interface OboTokenBrokerOptions {
  createClient: ConfidentialClientFactory;
  store: UserTokenCacheStore;
  cipher: CacheCipher;
  /** Waits before each retry while Entra still answers consent_required. */
  consentRetryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  log?: BrokerLog;
}

/**
 * The TokenBroker on msal-node: a fresh msal client per call, bound to that user's encrypted cache in Table
 * Storage, so no user's tokens share memory with another's and every instance of the app sees the same cache.
 */
export class OboTokenBroker implements TokenBroker {
  private readonly delays: readonly number[];
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: OboTokenBrokerOptions) {
    this.delays = options.consentRetryDelaysMs ?? DEFAULT_CONSENT_RETRY_DELAYS_MS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async exchange(ssoToken: string, identity: Pick<CallerIdentity, 'tenantId' | 'userId'>): Promise<string> {
    const { tenantId, userId } = identity;
    const client = this.clientFor(tenantId, userId).client;
    for (let attempt = 0; ; attempt += 1) {
      try {
        // skipCache: every exchange asks Entra, so a revoked consent shows at once.
        const result = await client.acquireTokenOnBehalfOf({ oboAssertion: ssoToken, scopes: [...GRAPH_SCOPES], skipCache: true });
        return accessTokenFor(result, identity);
      } catch (error) {
        const failure = classifyEntraFailure(error);
        const delay = this.delays[attempt];
        if (failure !== 'consent' || delay === undefined) throw exchangeError(failure, error);
        this.options.log?.warn('Entra has no consent yet; retrying the exchange', { tenantId, userId, attempt: attempt + 1 });
        await this.sleep(delay);
      }
    }
  }

  async tokenForBackground(tenantId: string, userId: string): Promise<string> {
    const { client, cache } = this.clientFor(tenantId, userId);
    const accounts = await client.getTokenCache().getAllAccounts();
    const account = accounts.find((candidate) => sameId(candidate.tenantId, tenantId) && sameId(candidate.localAccountId, userId));
    if (!account) return this.needReconnect(tenantId, userId, cache.unreadable ? 'cache unreadable' : 'no cached account');
    try {
      const result = await client.acquireTokenSilent({ account, scopes: [...GRAPH_SCOPES] });
      return accessTokenFor(result, { tenantId, userId });
    } catch (error) {
      const failure = classifyEntraFailure(error);
      if (failure === 'consent' || failure === 'grant') return this.needReconnect(tenantId, userId, `entra refused: ${failure}`, error);
      throw commonError(failure, error);
    }
  }

  private clientFor(tenantId: string, userId: string) {
    const cache = createUserCachePlugin({ store: this.options.store, cipher: this.options.cipher, tenantId, userId });
    return { cache, client: this.options.createClient(tenantId, cache.plugin) };
  }

  private async needReconnect(tenantId: string, userId: string, reason: string, cause?: unknown): Promise<never> {
    await this.options.store.markReconnectNeeded(tenantId, userId);
    this.options.log?.warn('Background token unavailable; the user must reconnect', { tenantId, userId, reason });
    throw reconnectError(cause);
  }
}

/** The Graph token, after checking it is for the user we asked about. */
function accessTokenFor(result: AuthenticationResult | null, who: { tenantId: string; userId: string }): string {
  if (!result?.accessToken) throw new AppError('internal', 'Microsoft sign-in gave no token. Please try again.');
  if (!sameId(result.tenantId, who.tenantId) || !sameId(result.uniqueId, who.userId)) {
    throw new AppError('internal', 'Microsoft sign-in answered for another user.', { details: { reason: 'identity mismatch' } });
  }
  return result.accessToken;
}

function sameId(a: string | undefined, b: string): boolean {
  return (a ?? '').toLowerCase() === b.toLowerCase();
}
