"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TokenCodec = void 0;
const node_crypto_1 = require("node:crypto");
/** Makes tokens opaque to clients: base64url JSON plus an HMAC, so edited tokens are refused. */
class TokenCodec {
    secret;
    instance = (0, node_crypto_1.randomBytes)(6).toString('base64url');
    constructor(secret = (0, node_crypto_1.randomBytes)(32)) {
        this.secret = secret;
    }
    encode(state) {
        const body = Buffer.from(JSON.stringify({ ...state, run: this.instance })).toString('base64url');
        return `${body}.${this.mac(body)}`;
    }
    decode(token) {
        const [body, mac, extra] = token.split('.');
        if (!body || !mac || extra !== undefined)
            return { status: 'invalid' };
        let parsed;
        try {
            parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
        }
        catch {
            return { status: 'invalid' };
        }
        if (!isRecord(parsed) || typeof parsed.run !== 'string')
            return { status: 'invalid' };
        if (parsed.run !== this.instance)
            return { status: 'foreign' };
        if (!safeEqual(mac, this.mac(body)) || !hasScope(parsed))
            return { status: 'invalid' };
        const { run: _run, ...state } = parsed;
        return { status: 'ok', state: state };
    }
    mac(body) {
        return (0, node_crypto_1.createHmac)('sha256', this.secret).update(body).digest('base64url').slice(0, 22);
    }
}
exports.TokenCodec = TokenCodec;
function isRecord(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function hasScope(value) {
    return typeof value.mailbox === 'string' && typeof value.incarnation === 'number' && typeof value.folder === 'number'
        && (value.kind === 'skip' || value.kind === 'delta' || value.kind === 'folders');
}
function safeEqual(a, b) {
    const left = Buffer.from(a);
    const right = Buffer.from(b);
    return left.length === right.length && (0, node_crypto_1.timingSafeEqual)(left, right);
}
//# sourceMappingURL=deltaTokens.js.map