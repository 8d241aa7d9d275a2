/**
 * Seconds a `Retry-After` header asks to wait: delay-seconds or an HTTP-date (RFC 9110 §10.2.3), which Graph
 * and its gateways may send. Undefined when the value is neither; a date in the past is 0.
 */
export function retryAfterSeconds(value: string, nowMs: number = Date.now()): number | undefined {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - nowMs) / 1000);
}
