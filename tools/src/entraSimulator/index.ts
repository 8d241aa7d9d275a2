import type { Server } from 'node:http';
import { EntraSimulator, type EntraSimulatorOptions } from './entraSimulator';
import { listen } from './httpServer';

export { EntraSimulator, type EntraSimulatorOptions, type EntraSimulatorStats } from './entraSimulator';
export type { ConsentState } from './consentRegistry';
export type { SsoTokenOptions } from './ssoTokenMinter';
export { createSigningKey } from './signingKeys';
export {
  createGraphTokenAuthenticator, CONTACTS_READ, type GraphCaller, type GraphTokenAuthenticator,
} from './graphTokenAuthenticator';
export { GRAPH_RESOURCE, type TokenResponse } from './graphTokenIssuer';

/** Options of {@link startEntraSimulator}. */
export interface StartEntraSimulatorOptions extends EntraSimulatorOptions {
  /** TCP port on 127.0.0.1; a free one when omitted. */
  port?: number;
}

/** A running local Entra ID authority. */
export interface RunningEntraSimulator {
  /** Base URL, e.g. `http://127.0.0.1:5599`: give it to the API as `ENTRA_NETWORK_URL`. */
  url: string;
  stop(): Promise<void>;
  /** State and test controls: mint tokens, set consent, rotate keys, verify Graph tokens. */
  sim: EntraSimulator;
}

/**
 * Starts a local Entra ID authority over real HTTP: per-tenant OpenID discovery, JWKS and a token
 * endpoint for the on-behalf-of and refresh-token grants, with per-user consent.
 */
export async function startEntraSimulator(options: StartEntraSimulatorOptions): Promise<RunningEntraSimulator> {
  const sim = await EntraSimulator.create(options);
  const { server, url } = await listen(sim, options.port ?? 0);
  return { url, sim, stop: () => close(server) };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive sockets of fetch/jose clients would otherwise hold close() open.
    server.closeAllConnections();
  });
}
