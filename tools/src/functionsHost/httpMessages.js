"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_MAX_BODY_BYTES = void 0;
exports.readBody = readBody;
exports.httpInvocationInput = httpInvocationInput;
exports.outputOf = outputOf;
exports.writeHttpResponse = writeHttpResponse;
exports.serializeCookie = serializeCookie;
/** Azure's default request size limit (`FUNCTIONS_REQUEST_BODY_SIZE_LIMIT`): 100 MB. */
exports.DEFAULT_MAX_BODY_BYTES = 100 * 1024 * 1024;
/** Reads a request body; resolves `undefined` when it exceeds `limit` bytes. */
function readBody(req, limit) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        req.on('data', (chunk) => {
            size += chunk.length;
            if (size <= limit)
                chunks.push(chunk);
        });
        req.once('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
        req.once('error', reject);
    });
}
/** The invocation data of an HTTP trigger, shaped as the Functions host sends it (`RpcHttpData`). */
function httpInvocationInput(triggerName, req, url, params, body) {
    const headers = {};
    for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined)
            headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    // No `query`: HttpRequest then reads the query from the URL, as with the host's streaming path.
    const http = { method: req.method ?? 'GET', url: url.href, headers, params, body: { bytes: body } };
    return { inputData: [{ name: triggerName, data: { http } }] };
}
/** The value an output binding received: `$return` is the return value, others come by name. */
function outputOf(response, bindingName) {
    if (bindingName === '$return')
        return response.returnValue;
    return response.outputData?.find((output) => output.name === bindingName)?.data;
}
/** Writes the function's HTTP output; none at all is `204 No Content`, as on Azure. */
function writeHttpResponse(res, http) {
    if (!http) {
        res.writeHead(204).end();
        return;
    }
    res.statusCode = Number(http.statusCode) || 200;
    for (const [name, value] of Object.entries(http.headers ?? {}))
        res.setHeader(name, value);
    const cookies = (http.cookies ?? []).map(serializeCookie);
    if (cookies.length > 0)
        res.setHeader('set-cookie', [...headerValues(res.getHeader('set-cookie')), ...cookies]);
    const body = http.body?.bytes ? Buffer.from(http.body.bytes) : (http.body?.string ?? '');
    res.end(body);
}
function headerValues(value) {
    if (value === undefined)
        return [];
    return Array.isArray(value) ? value : [String(value)];
}
/** `Set-Cookie` text of a cookie returned by the handler (RFC 6265 attributes). */
function serializeCookie(cookie) {
    const parts = [`${cookie.name ?? ''}=${cookie.value ?? ''}`];
    if (cookie.domain?.value)
        parts.push(`Domain=${cookie.domain.value}`);
    if (cookie.path?.value)
        parts.push(`Path=${cookie.path.value}`);
    const expires = cookie.expires?.value?.seconds;
    if (typeof expires === 'number')
        parts.push(`Expires=${new Date(expires * 1000).toUTCString()}`);
    if (typeof cookie.maxAge?.value === 'number')
        parts.push(`Max-Age=${cookie.maxAge.value}`);
    if (cookie.secure?.value)
        parts.push('Secure');
    if (cookie.httpOnly?.value)
        parts.push('HttpOnly');
    const sameSite = { lax: 'Lax', strict: 'Strict', explicitNone: 'None', none: undefined }[cookie.sameSite ?? 'none'];
    if (sameSite)
        parts.push(`SameSite=${sameSite}`);
    return parts.join('; ');
}
//# sourceMappingURL=httpMessages.js.map