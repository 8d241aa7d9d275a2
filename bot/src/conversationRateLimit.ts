/** Teams' per-conversation limits for a bot's messages: 7 per second and 60 per 30 seconds. */
export const CONVERSATION_LIMITS = [{ count: 7, windowMs: 1_000 }, { count: 60, windowMs: 30_000 }] as const;

/**
 * Keeps each conversation under the limits (per instance): `delayFor` says how long to wait before the next
 * send, and records that send at the time it will happen.
 */
export class ConversationRateLimit {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly limits: ReadonlyArray<{ count: number; windowMs: number }> = CONVERSATION_LIMITS) {}

  /** Milliseconds to wait before sending to `conversationId` at `now`; the send is booked at `now + wait`. */
  delayFor(conversationId: string, now: number): number {
    const longest = Math.max(...this.limits.map((limit) => limit.windowMs));
    const times = (this.sent.get(conversationId) ?? []).filter((time) => time > now - longest);
    let at = now;
    for (const { count, windowMs } of this.limits) {
      const inWindow = times.filter((time) => time > at - windowMs);
      // The oldest send that must leave the window before one more fits.
      const blocking = inWindow.length >= count ? inWindow[inWindow.length - count] : undefined;
      if (blocking !== undefined) at = Math.max(at, blocking + windowMs);
    }
    times.push(at);
    this.sent.set(conversationId, times);
    return at - now;
  }
}
