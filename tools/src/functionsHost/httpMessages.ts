import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RpcHttpCookie, RpcHttpData, RpcInvocationResponse } from './coreApiTypes';
import type { InvocationInput } from './invokeFunction';

/** Azure's default request size limit (`FUNCTIONS_REQUEST_BODY_SIZE_LIMIT`): 100 MB. */
export const DEFAULT_MAX_BODY_BYTES = 100 * 1024 * 1024;

/** Reads a request body; resolves `undefined` when it exceeds `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.once('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    req.once('error', reject);
  });
}

/** The invocation data of an HTTP trigger, shaped as the Functions host sends it (`RpcHttpData`). */
export function httpInvocationInput(
  triggerName: string, req: IncomingMessage, url: URL, params: Record<string, string>, body: Buffer,
): InvocationInput {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  // No `query`: HttpRequest then reads the query from the URL, as with the host's streaming path.
  const http: RpcHttpData = { method: req.method ?? 'GET', url: url.href, headers, params, body: { bytes: body } };
  return { inputData: [{ name: triggerName, data: { http } }] };
}

/** The value an output binding received: `$return` is the return value, others come by name. */
export function outputOf(response: RpcInvocationResponse, bindingName: string): RpcInvocationResponse['returnValue'] {
  if (bindingName === '$return') return response.returnValue;
  return response.outputData?.find((output) => output.name === bindingName)?.data;
}

/** Writes the function's HTTP output; none at all is `204 No Content`, as on Azure. */
export function writeHttpResponse(res: ServerResponse, http: RpcHttpData | null | undefined): void {
  if (!http) {
    res.writeHead(204).end();
    return;
  }
  res.statusCode = Number(http.statusCode) || 200;
  for (const [name, value] of Object.entries(http.headers ?? {})) res.setHeader(name, value);
  const cookies = (http.cookies ?? []).map(serializeCookie);
  if (cookies.length > 0) res.setHeader('set-cookie', [...headerValues(res.getHeader('set-cookie')), ...cookies]);
  const body = http.body?.bytes ? Buffer.from(http.body.bytes) : (http.body?.string ?? '');
  res.end(body);
}

function headerValues(value: string | number | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [String(value)];
}

/** `Set-Cookie` text of a cookie returned by the handler (RFC 6265 attributes). */
export function serializeCookie(cookie: RpcHttpCookie): string {
  const parts = [`${cookie.name ?? ''}=${cookie.value ?? ''}`];
  if (cookie.domain?.value) parts.push(`Domain=${cookie.domain.value}`);
  if (cookie.path?.value) parts.push(`Path=${cookie.path.value}`);
  const expires = cookie.expires?.value?.seconds;
  if (typeof expires === 'number') parts.push(`Expires=${new Date(expires * 1000).toUTCString()}`);
  if (typeof cookie.maxAge?.value === 'number') parts.push(`Max-Age=${cookie.maxAge.value}`);
  if (cookie.secure?.value) parts.push('Secure');
  if (cookie.httpOnly?.value) parts.push('HttpOnly');
  const sameSite = { lax: 'Lax', strict: 'Strict', explicitNone: 'None', none: undefined }[cookie.sameSite ?? 'none'];
  if (sameSite) parts.push(`SameSite=${sameSite}`);
  return parts.join('; ');
}
