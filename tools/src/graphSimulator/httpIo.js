"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sendJson = sendJson;
exports.sendTruncated = sendTruncated;
exports.readJsonBody = readJsonBody;
exports.delay = delay;
const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
/** Writes a JSON answer. */
function sendJson(res, status, body, headers = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...headers, 'Content-Type': JSON_TYPE, 'Content-Length': String(Buffer.byteLength(text)) });
    res.end(text);
}
/**
 * Sends the headers (with the full Content-Length) and about half the body, then destroys the socket:
 * the client sees a connection dropped in the middle of a page.
 */
function sendTruncated(res, status, body, headers = {}) {
    const bytes = Buffer.from(JSON.stringify(body));
    res.writeHead(status, { ...headers, 'Content-Type': JSON_TYPE, 'Content-Length': String(bytes.length) });
    res.flushHeaders();
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
}
/** Reads a JSON request body (empty body = `undefined`); rejects over `limitBytes` or on bad JSON. */
async function readJsonBody(req, limitBytes = 64 * 1024 * 1024) {
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
        size += chunk.length;
        if (size > limitBytes)
            throw new RangeError(`the request body is over ${limitBytes} bytes`);
        chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim() === '')
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        throw new RangeError('the request body is not valid JSON');
    }
}
function delay(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
//# sourceMappingURL=httpIo.js.map