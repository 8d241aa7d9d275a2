/** An admin answer before it is written. */
export type AdminAnswer = { status: number; body: unknown };

/** An admin request that fails with this HTTP status (a RangeError is a 400). */
export class AdminError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}
