"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GraphHttpError = void 0;
exports.graphErrorBody = graphErrorBody;
exports.itemNotFound = itemNotFound;
exports.badRequest = badRequest;
const node_crypto_1 = require("node:crypto");
/** A Graph-style error answer: thrown by the endpoints, written by the router as Graph's error body. */
class GraphHttpError extends Error {
    status;
    code;
    headers;
    constructor(status, code, message, headers = {}) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = headers;
        this.name = 'GraphHttpError';
    }
}
exports.GraphHttpError = GraphHttpError;
/** Graph's error body: `{"error":{"code","message","innerError":{"request-id","date"}}}`. */
function graphErrorBody(code, message, requestId = (0, node_crypto_1.randomUUID)()) {
    const date = new Date().toISOString().replace(/\.\d{3}Z$/, '');
    return { error: { code, message, innerError: { 'request-id': requestId, date, 'client-request-id': requestId } } };
}
function itemNotFound() {
    return new GraphHttpError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
}
function badRequest(message, code = 'BadRequest') {
    return new GraphHttpError(400, code, message);
}
//# sourceMappingURL=graphErrors.js.map