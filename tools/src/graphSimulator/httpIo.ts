import type { IncomingMessage, ServerResponse } from 'node:http';

const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** Writes a JSON answer; an `undefined` body (a 204) is sent without one. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': JSON_TYPE, 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/**
 * Sends the headers (with the full Content-Length) and about half the body, then destroys the socket:
 * the client sees a connection dropped in the middle of a page.
 */
export function sendTruncated(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(body === undefined ? '' : JSON.stringify(body));
  res.writeHead(status, { ...headers, 'Content-Type': JSON_TYPE, 'Content-Length': String(bytes.length) });
  res.flushHeaders();
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
}

/** Reads a JSON request body (empty body = `undefined`); rejects over `limitBytes` or on bad JSON. */
export async function readJsonBody(req: IncomingMessage, limitBytes = 64 * 1024 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new RangeError(`the request body is over ${limitBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RangeError('the request body is not valid JSON');
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
