import { ConfidentialClientApplication, type ICachePlugin } from '@azure/msal-node';
import type { IdentityConfig } from '../config';
import { createAuthorityNetworkClient } from './authorityNetworkClient';
import { msalAuthorityMetadata, msalCloudDiscoveryMetadata } from './authorityUrls';

/** The settings an msal client needs: the app registration and where the authority is. */
export type MsalClientSettings = Pick<IdentityConfig, 'authorityHost' | 'authorityNetworkUrl' | 'clientId' | 'clientSecret'>;

/** Makes an msal client for one tenant with one user's cache plugin. */
export type ConfidentialClientFactory = (tenantId: string, cachePlugin: ICachePlugin) => ConfidentialClientApplication;

/**
 * msal clients against the tenant's authority (`{authorityHost}/{tenantId}`), with the authority and cloud
 * metadata inline so msal never runs discovery, and, when a network location is configured, a network
 * client that sends there. msal's own logging stays off: its messages may name users.
 */
export function createConfidentialClientFactory(settings: MsalClientSettings): ConfidentialClientFactory {
  const networkClient = settings.authorityNetworkUrl ? createAuthorityNetworkClient(settings) : undefined;
  const cloudDiscoveryMetadata = msalCloudDiscoveryMetadata(settings.authorityHost);
  return (tenantId, cachePlugin) => new ConfidentialClientApplication({
    auth: {
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      authority: `${settings.authorityHost}/${tenantId}`,
      authorityMetadata: msalAuthorityMetadata(settings.authorityHost, tenantId),
      cloudDiscoveryMetadata,
    },
    cache: { cachePlugin },
    system: networkClient ? { networkClient } : {},
  });
}
