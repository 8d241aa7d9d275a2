import type { MailboxRef } from '../contacts/contactModel';

/**
 * Erases one user's rows from a table that is not keyed by the mailbox partition key (those are listed in
 * `MAILBOX_TABLES` instead). A module with such a table implements this and registers it in composition.ts;
 * `DELETE /api/me/connection` with `eraseContacts` calls every registered eraser while it holds the
 * mailbox's sync lease (no sync writes meanwhile).
 */
export interface MailboxEraser {
  /** Deletes the mailbox's rows; returns how many were deleted. */
  erase(mailbox: MailboxRef): Promise<number>;
}
