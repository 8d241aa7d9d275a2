import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { GRAPH_RESOURCE } from './graphTokenIssuer';

/** Whose mailbox a Graph token opens. */
export interface GraphCaller {
  tenantId: string;
  userId: string;
}

/** The check a Graph simulator plugs in: the caller of a bearer token, or undefined to answer 401. */
export type GraphTokenAuthenticator = (token: string) => Promise<GraphCaller | undefined>;

/** The permission every contacts request needs. */
export const CONTACTS_READ = 'Contacts.Read';

/** Graph's application id: v1 tokens for Graph may carry it as `aud` instead of the URL. */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/**
 * An authenticator that accepts only Graph tokens signed by the simulator at `simUrl` (its published
 * keys, fetched once and refetched on an unknown kid), for Graph, with `Contacts.Read` in `scp`.
 */
export function createGraphTokenAuthenticator(simUrl: string): GraphTokenAuthenticator {
  const keys = createRemoteJWKSet(new URL(`${simUrl.replace(/\/+$/, '')}/common/discovery/v2.0/keys`), {
    cooldownDuration: 1000,
  });
  return (token) => verifyGraphToken(token, keys);
}

/** Verifies a Graph token against a key set; any failure gives undefined (the caller answers 401). */
export async function verifyGraphToken(token: string, keys: JWTVerifyGetKey): Promise<GraphCaller | undefined> {
  try {
    const { payload } = await jwtVerify(token, keys, { algorithms: ['RS256'], requiredClaims: ['exp', 'tid', 'oid'] });
    return graphCallerFrom(payload);
  } catch {
    return undefined;
  }
}

function graphCallerFrom(payload: JWTPayload): GraphCaller | undefined {
  const tenantId = String(payload.tid);
  if (payload.aud !== GRAPH_RESOURCE && payload.aud !== GRAPH_APP_ID) return undefined;
  if (payload.iss !== `https://sts.windows.net/${tenantId}/`) return undefined;
  const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
  if (!scopes.includes(CONTACTS_READ)) return undefined;
  return { tenantId, userId: String(payload.oid) };
}
