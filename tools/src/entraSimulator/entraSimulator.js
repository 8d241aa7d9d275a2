"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EntraSimulator = void 0;
const jose_1 = require("jose");
const consentRegistry_1 = require("./consentRegistry");
const graphTokenAuthenticator_1 = require("./graphTokenAuthenticator");
const graphTokenIssuer_1 = require("./graphTokenIssuer");
const refreshTokens_1 = require("./refreshTokens");
const signingKeys_1 = require("./signingKeys");
const ssoTokenMinter_1 = require("./ssoTokenMinter");
const tokenEndpoint_1 = require("./tokenEndpoint");
/** The state and test controls of the simulated authority; the HTTP server serves it. */
class EntraSimulator {
    options;
    keys;
    stats = { discoveryRequests: 0, jwksRequests: 0, tokenRequests: 0 };
    tokenEndpoint;
    consent;
    refreshTokens = new refreshTokens_1.RefreshTokenStore();
    minter;
    constructor(options, keys) {
        this.options = options;
        this.keys = keys;
        this.consent = new consentRegistry_1.ConsentRegistry({
            propagationMs: options.consentPropagationMs,
            defaultState: options.defaultConsent,
            grantedScopes: options.grantedScopes,
        });
        this.minter = new ssoTokenMinter_1.SsoTokenMinter(keys, options.clientId);
        const issuer = new graphTokenIssuer_1.GraphTokenIssuer(keys, options.clientId, this.refreshTokens, options.accessTokenLifetimeSec ?? 3600);
        this.tokenEndpoint = new tokenEndpoint_1.TokenEndpoint({
            clientId: options.clientId, clientSecret: options.clientSecret,
            keys, consent: this.consent, refreshTokens: this.refreshTokens, issuer,
        });
    }
    static async create(options) {
        return new EntraSimulator(options, await signingKeys_1.SigningKeyRing.create());
    }
    /** A Teams-SSO-like access token for the app; overrides forge bad ones. */
    mintSsoToken(options) {
        return this.minter.mint(options);
    }
    setConsent(tenantId, userId, state) {
        // Outstanding refresh tokens stay known: their next redemption meets the new state (AADSTS65001).
        this.consent.set(tenantId, userId, state);
    }
    getConsent(tenantId, userId) {
        return this.consent.get(tenantId, userId);
    }
    /** Publishes a new signing key and signs new tokens with it; returns its kid. Old keys stay published. */
    rotateKeys() {
        return this.keys.rotate();
    }
    /** Stops publishing a key: tokens signed with it no longer verify. */
    removeKey(kid) {
        this.keys.remove(kid);
    }
    /** The Graph simulator's check: a Graph token of this authority with Contacts.Read, or undefined. */
    verifyGraphToken(token) {
        return (0, graphTokenAuthenticator_1.verifyGraphToken)(token, (0, jose_1.createLocalJWKSet)(this.keys.jwks()));
    }
}
exports.EntraSimulator = EntraSimulator;
//# sourceMappingURL=entraSimulator.js.map