import { randomBytes } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, type JWK, type KeyLike } from 'jose';

/** One RS256 signing key of the simulated authority. */
export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicKey: KeyLike;
  /** The public half as published in the JWKS (kty, use, kid, x5t, n, e), like Entra's keys. */
  publicJwk: JWK;
}

/**
 * The authority's signing keys. Like Entra, it publishes every key it still honours and signs new tokens
 * with the newest one, so a rotation leaves tokens signed with an older key valid until that key is removed.
 */
export class SigningKeyRing {
  private readonly keys: SigningKey[] = [];

  private constructor() {}

  /** A ring with one fresh key. */
  static async create(): Promise<SigningKeyRing> {
    const ring = new SigningKeyRing();
    await ring.rotate();
    return ring;
  }

  /** Adds a new key and makes it the one new tokens are signed with; returns its kid. */
  async rotate(): Promise<string> {
    const key = await createSigningKey();
    this.keys.push(key);
    return key.kid;
  }

  /** Stops publishing (and honouring) a key. */
  remove(kid: string): void {
    const index = this.keys.findIndex((key) => key.kid === kid);
    if (index < 0) throw new Error(`no signing key ${kid}`);
    if (this.keys.length === 1) throw new Error('the authority needs at least one signing key');
    this.keys.splice(index, 1);
  }

  /** The key new tokens are signed with. */
  get current(): SigningKey {
    const key = this.keys[this.keys.length - 1];
    if (!key) throw new Error('no signing key');
    return key;
  }

  /** A published key by kid, if any. */
  find(kid: string | undefined): SigningKey | undefined {
    return this.keys.find((key) => key.kid === kid);
  }

  /** The JWKS document (`/discovery/v2.0/keys`). */
  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => ({ ...key.publicJwk })) };
  }

  /** The current public key as PEM (SPKI): what a key-confusion attacker would use as an HMAC secret. */
  async currentPublicPem(): Promise<string> {
    return exportSPKI(this.current.publicKey);
  }
}

/** A fresh RS256 key pair with an Entra-like kid (base64url, also used as x5t). */
export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const kid = randomBytes(20).toString('base64url');
  const jwk = await exportJWK(publicKey);
  return { kid, privateKey, publicKey, publicJwk: { kty: jwk.kty, use: 'sig', kid, x5t: kid, n: jwk.n, e: jwk.e } };
}
