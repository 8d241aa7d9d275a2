"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SigningKeyRing = void 0;
exports.createSigningKey = createSigningKey;
const node_crypto_1 = require("node:crypto");
const jose_1 = require("jose");
/**
 * The authority's signing keys. Like Entra, it publishes every key it still honours and signs new tokens
 * with the newest one, so a rotation leaves tokens signed with an older key valid until that key is removed.
 */
class SigningKeyRing {
    keys = [];
    constructor() { }
    /** A ring with one fresh key. */
    static async create() {
        const ring = new SigningKeyRing();
        await ring.rotate();
        return ring;
    }
    /** Adds a new key and makes it the one new tokens are signed with; returns its kid. */
    async rotate() {
        const key = await createSigningKey();
        this.keys.push(key);
        return key.kid;
    }
    /** Stops publishing (and honouring) a key. */
    remove(kid) {
        const index = this.keys.findIndex((key) => key.kid === kid);
        if (index < 0)
            throw new Error(`no signing key ${kid}`);
        if (this.keys.length === 1)
            throw new Error('the authority needs at least one signing key');
        this.keys.splice(index, 1);
    }
    /** The key new tokens are signed with. */
    get current() {
        const key = this.keys[this.keys.length - 1];
        if (!key)
            throw new Error('no signing key');
        return key;
    }
    /** A published key by kid, if any. */
    find(kid) {
        return this.keys.find((key) => key.kid === kid);
    }
    /** The JWKS document (`/discovery/v2.0/keys`). */
    jwks() {
        return { keys: this.keys.map((key) => ({ ...key.publicJwk })) };
    }
    /** The current public key as PEM (SPKI): what a key-confusion attacker would use as an HMAC secret. */
    async currentPublicPem() {
        return (0, jose_1.exportSPKI)(this.current.publicKey);
    }
}
exports.SigningKeyRing = SigningKeyRing;
/** A fresh RS256 key pair with an Entra-like kid (base64url, also used as x5t). */
async function createSigningKey() {
    const { privateKey, publicKey } = await (0, jose_1.generateKeyPair)('RS256', { modulusLength: 2048, extractable: true });
    const kid = (0, node_crypto_1.randomBytes)(20).toString('base64url');
    const jwk = await (0, jose_1.exportJWK)(publicKey);
    return { kid, privateKey, publicKey, publicJwk: { kty: jwk.kty, use: 'sig', kid, x5t: kid, n: jwk.n, e: jwk.e } };
}
//# sourceMappingURL=signingKeys.js.map