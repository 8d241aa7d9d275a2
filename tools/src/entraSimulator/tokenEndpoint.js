"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.TokenEndpoint = void 0;
const node_crypto_1 = require("node:crypto");
const assertionVerifier_1 = require("./assertionVerifier");
const entra = __importStar(require("./entraErrors"));
const scopeRequest_1 = require("./scopeRequest");
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/**
 * `POST /{tenant}/oauth2/v2.0/token` for a confidential client: the on-behalf-of grant and the
 * refresh-token grant, answering errors with Entra's shapes and AADSTS codes.
 */
class TokenEndpoint {
    deps;
    constructor(deps) {
        this.deps = deps;
    }
    async handle(tenantId, form) {
        const clientProblem = this.authenticateClient(form);
        if (clientProblem)
            return clientProblem;
        const grantType = form.get('grant_type');
        if (!grantType)
            return entra.missingParameter('grant_type');
        if (grantType === JWT_BEARER)
            return this.onBehalfOf(tenantId, form);
        if (grantType === 'refresh_token')
            return this.refresh(tenantId, form);
        return entra.unsupportedGrant(grantType);
    }
    authenticateClient(form) {
        const clientId = form.get('client_id');
        if (!clientId)
            return entra.missingParameter('client_id');
        if (clientId.toLowerCase() !== this.deps.clientId.toLowerCase())
            return entra.unknownClient(clientId);
        const secret = form.get('client_secret');
        if (!secret)
            return entra.missingClientCredential();
        if (!sameSecret(secret, this.deps.clientSecret))
            return entra.invalidClientSecret(clientId);
        return undefined;
    }
    async onBehalfOf(tenantId, form) {
        if (form.get('requested_token_use') !== 'on_behalf_of')
            return entra.missingParameter('requested_token_use');
        const assertion = form.get('assertion');
        if (!assertion)
            return entra.missingParameter('assertion');
        const verified = await (0, assertionVerifier_1.verifyAssertion)(assertion, tenantId, this.deps.clientId, this.deps.keys);
        if ('kind' in verified) {
            return verified.kind === 'expired' ? entra.expiredAssertion() : entra.invalidAssertion(verified.reason);
        }
        return this.grant(verified, form.get('scope') ?? '', () => entra.consentRequired(this.deps.clientId));
    }
    async refresh(tenantId, form) {
        const token = form.get('refresh_token');
        if (!token)
            return entra.missingParameter('refresh_token');
        const record = this.deps.refreshTokens.find(token);
        if (!record || record.clientId !== this.deps.clientId || record.user.tenantId !== tenantId) {
            return entra.badRefreshToken();
        }
        return this.grant(record.user, form.get('scope') ?? '', () => entra.consentRevokedOnRefresh(this.deps.clientId));
    }
    /** Issues tokens when the user's propagated consent covers the requested scopes. */
    async grant(user, scope, noConsent) {
        const request = (0, scopeRequest_1.parseScopeRequest)(scope);
        if (request.unsupported)
            return entra.unsupportedScope(request.unsupported);
        if (request.graphScopes.length === 0)
            return entra.missingParameter('scope');
        const granted = this.deps.consent.effectiveScopes(user.tenantId, user.userId);
        if (!(0, scopeRequest_1.isCovered)(request, granted))
            return noConsent();
        const body = await this.deps.issuer.issue({ user, grantedScopes: granted, oidcScopes: request.oidcScopes });
        return { status: 200, body };
    }
}
exports.TokenEndpoint = TokenEndpoint;
function sameSecret(given, expected) {
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    return a.length === b.length && (0, node_crypto_1.timingSafeEqual)(a, b);
}
//# sourceMappingURL=tokenEndpoint.js.map