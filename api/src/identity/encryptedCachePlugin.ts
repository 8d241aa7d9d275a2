import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import { CacheUnreadableError, type CacheCipher } from './cacheCipher';
import type { UserTokenCacheStore } from './userTokenCacheStore';

/** A cache plugin bound to one user, and what it found when it read the store. */
export interface UserCachePlugin {
  plugin: ICachePlugin;
  /** True when a stored cache existed but could not be decrypted (wrong key or tampered). */
  readonly unreadable: boolean;
}

/** What {@link createUserCachePlugin} needs. */
export interface UserCachePluginDeps {
  store: Pick<UserTokenCacheStore, 'read' | 'write'>;
  cipher: CacheCipher;
  tenantId: string;
  userId: string;
}

/**
 * msal-node's persistence hook for one user's cache: before access it loads and decrypts the stored cache,
 * after a change it encrypts and stores it. One plugin (and one msal client) per user, so one user's
 * tokens are never in memory next to another's.
 */
export function createUserCachePlugin(deps: UserCachePluginDeps): UserCachePlugin {
  const context = ownerContext(deps.tenantId, deps.userId);
  const state = { unreadable: false };
  const plugin: ICachePlugin = {
    async beforeCacheAccess(cacheContext: TokenCacheContext) {
      const sealed = await deps.store.read(deps.tenantId, deps.userId);
      if (!sealed) return;
      try {
        cacheContext.tokenCache.deserialize(deps.cipher.open(sealed, context));
      } catch (error) {
        if (!(error instanceof CacheUnreadableError)) throw error;
        // An unreadable cache is as good as none: a new exchange overwrites it, a background call reports it.
        state.unreadable = true;
      }
    },
    async afterCacheAccess(cacheContext: TokenCacheContext) {
      if (!cacheContext.cacheHasChanged) return;
      await deps.store.write(deps.tenantId, deps.userId, deps.cipher.seal(cacheContext.tokenCache.serialize(), context));
    },
  };
  return {
    plugin,
    get unreadable() {
      return state.unreadable;
    },
  };
}

/** The cipher's associated data: the row a cache belongs to. */
export function ownerContext(tenantId: string, userId: string): string {
  return `msal-cache|${tenantId.toLowerCase()}|${userId.toLowerCase()}`;
}
