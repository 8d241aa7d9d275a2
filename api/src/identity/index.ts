import type { IdentityConfig } from '../config';
import type { TableClientFactory } from '../storage/tableClientFactory';
import { createCacheCipher } from './cacheCipher';
import { createConfidentialClientFactory } from './confidentialClientFactory';
import { OboTokenBroker, type BrokerLog, type TokenBroker } from './oboTokenBroker';
import { createSsoTokenValidator, type SsoTokenValidator } from './ssoTokenValidator';
import { TenantSigningKeys } from './tenantSigningKeys';
import { TableUserTokenCacheStore } from './userTokenCacheStore';

export type { CallerIdentity, SsoTokenValidator } from './ssoTokenValidator';
export type { TokenBroker } from './oboTokenBroker';
export { GRAPH_SCOPES } from './oboTokenBroker';
export { rejectionReasonOf, type TokenRejectionReason } from './tokenRejection';
export { readBearerToken } from './bearerToken';

/** What the identity services need besides configuration. */
export interface IdentityDeps {
  tables: Pick<TableClientFactory, 'get'>;
  /** True when the tenant has an enabled integration (the admin settings). */
  isTenantEnabled(tenantId: string): Promise<boolean>;
  log?: BrokerLog;
}

/** The API's identity services, built once per process (their key and metadata caches live with them). */
export interface IdentityServices {
  validator: SsoTokenValidator;
  broker: TokenBroker;
}

/** Wires the SSO token validator and the on-behalf-of token broker from `loadIdentityConfig()`. */
export function createIdentityServices(config: IdentityConfig, deps: IdentityDeps): IdentityServices {
  const validator = createSsoTokenValidator({
    clientId: config.clientId,
    authorityHost: config.authorityHost,
    signingKeys: new TenantSigningKeys({ authorityHost: config.authorityHost, authorityNetworkUrl: config.authorityNetworkUrl }),
    isTenantEnabled: deps.isTenantEnabled,
  });
  const broker = new OboTokenBroker({
    createClient: createConfidentialClientFactory(config),
    store: new TableUserTokenCacheStore(deps.tables),
    cipher: createCacheCipher(config.tokenCacheKey),
    log: deps.log,
  });
  return { validator, broker };
}
