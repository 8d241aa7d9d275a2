import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { toNetworkUrl, type AuthorityLocation } from './authorityUrls';

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * An msal-node network client that sends the authority's requests to the configured network location (the
 * local authority). msal keeps its https authority, which it insists on; only the wire changes. URLs of
 * any other host are refused rather than sent.
 */
export function createAuthorityNetworkClient(location: AuthorityLocation): INetworkModule {
  return {
    sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number) {
      return send<T>(toNetworkUrl(location, url), 'GET', options, timeout);
    },
    sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions) {
      return send<T>(toNetworkUrl(location, url), 'POST', options);
    },
  };
}

async function send<T>(
  url: string, method: 'GET' | 'POST', options: NetworkRequestOptions | undefined, timeout = DEFAULT_TIMEOUT_MS,
): Promise<NetworkResponse<T>> {
  const response = await fetch(url, {
    method,
    headers: options?.headers,
    body: method === 'POST' ? options?.body : undefined,
    signal: AbortSignal.timeout(timeout),
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => { headers[name.toLowerCase()] = value; });
  // msal reads error bodies too (invalid_grant, consent_required): parse whatever status came back.
  return { status: response.status, headers, body: (await response.json()) as T };
}
