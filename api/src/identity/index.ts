import type { IdentityConfig } from '../config';
import type { TableClientFactory } from '../storage/tableClientFactory';
import { createCacheCipher } from './cacheCipher';
import { OboTokenBroker, type BrokerLog, type TokenBroker } from './oboTokenBroker';
import { createSsoTokenValidator, type SsoTokenValidator } from './ssoTokenValidator';
import { createCommonSigningKeys } from './commonSigningKeys';
import { createTokenEndpointClient } from './tokenEndpointClient';
import { TableUserTokenCacheStore } from './userTokenCacheStore';

export type { CallerIdentity, SsoTokenValidator } from './ssoTokenValidator';
export type { TokenBroker } from './oboTokenBroker';
export { GRAPH_SCOPES } from './oboTokenBroker';
export { rejectionReasonOf, type TokenRejectionReason } from './tokenRejection';
export { readBearerToken } from './bearerToken';
export { TableUserTokenCacheStore, type UserTokenCacheStore } from './userTokenCacheStore';

/** What the identity services need besides configuration. */
export interface IdentityDeps {
  tables: Pick<TableClientFactory, 'get'>;
  /** The operator's allow-list (`ALLOWED_TENANTS`), asked before a token is verified: no I/O. */
  isTenantAllowed(tenantId: string): boolean;
  /** True when the tenant has an enabled integration (the admin settings). */
  isTenantEnabled(tenantId: string): Promise<boolean>;
  log?: BrokerLog;
}

/** The API's identity services, built once per process (their key and metadata caches live with them). */
export interface IdentityServices {
  /** Full validation; the token's tenant must have an enabled integration. */
  validator: SsoTokenValidator;
  /**
   * The same validation for any allowed tenant, enabled or not: only for the company-settings endpoints,
   * where an admin enables the integration in the first place. Shares the signing-key cache with `validator`.
   */
  anyTenantValidator: SsoTokenValidator;
  broker: TokenBroker;
}

/** Wires the SSO token validator and the on-behalf-of token broker from `loadIdentityConfig()`. */
export function createIdentityServices(config: IdentityConfig, deps: IdentityDeps): IdentityServices {
  const signingKeys = createCommonSigningKeys({ authorityHost: config.authorityHost, authorityNetworkUrl: config.authorityNetworkUrl });
  const validatorFor = (isTenantEnabled: (tenantId: string) => Promise<boolean>) => createSsoTokenValidator({
    clientId: config.clientId, tabDomain: config.tabDomain, authorityHost: config.authorityHost, signingKeys,
    isTenantAllowed: (tenantId) => deps.isTenantAllowed(tenantId), isTenantEnabled,
  });
  const validator = validatorFor((tenantId) => deps.isTenantEnabled(tenantId));
  const anyTenantValidator = validatorFor(() => Promise.resolve(true));
  const broker = new OboTokenBroker({
    tokens: createTokenEndpointClient(config),
    store: new TableUserTokenCacheStore(deps.tables),
    cipher: createCacheCipher(config.tokenCacheKey),
    log: deps.log,
  });
  return { validator, anyTenantValidator, broker };
}
