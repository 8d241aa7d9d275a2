import { rejectToken } from './tokenRejection';

/**
 * The token of an `Authorization: Bearer …` header. A missing or differently shaped header is the same 401
 * as a bad token.
 */
export function readBearerToken(authorization: string | null | undefined): string {
  const match = /^Bearer[ ]+([A-Za-z0-9\-_.~+/]+=*)$/i.exec(authorization?.trim() ?? '');
  if (!match?.[1]) throw rejectToken('missing_token');
  return match[1];
}
