import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What an outbound POST got back; `status` 0 when no answer came (refused, reset, timed out or aborted). */
export interface OutboundAnswer {
  status: number;
  body: string;
  /** Why there was no answer (status 0). */
  error?: string;
}

/**
 * POSTs a body to a subscriber's endpoint and reads the answer as text, never rejecting. No keep-alive
 * (`agent: false`): a stopped simulator must not leave pooled sockets keeping the process alive.
 */
export function postOutbound(
  url: string, body: string, contentType: string, timeoutMs: number, signal?: AbortSignal,
): Promise<OutboundAnswer> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers = { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' };
    const req = send(target, { method: 'POST', headers, agent: false, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => resolve({ status: 0, body: '', error: error.message }));
    });
    // The whole exchange must finish in time, not just each socket read.
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', (error) => resolve({ status: 0, body: '', error: error.message }));
    req.end(body);
  });
}
