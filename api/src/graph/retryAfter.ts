/**
 * Seconds a `Retry-After` header asks to wait: delay-seconds or an HTTP-date (RFC 9110 §10.2.3), which Graph
 * and its gateways may send. Undefined when the value is neither; a date in the past is 0.
 */
export function retryAfterSeconds(value: string, nowMs: number = Date.now()): number | undefined {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // An HTTP-date names its day and month; a bare number that is not delay-seconds is no date.
  const at = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, (at - nowMs) / 1000);
}
