import type { SyncPolicy } from '../admin/tenantSettings';
import type { MailboxRef } from '../contacts/contactModel';
import { AppError } from '../errors/appError';
import type { CallerIdentity } from '../identity';

/** The app roles of the Entra app registration (`appRoles` in its manifest). */
export const APP_ROLES = {
  /** "Admin - Contact Synchronization": the company settings. */
  admin: 'ContactSync.Admin',
  /** "Request contact sync from Outlook": needed to sync when the policy says `role`. */
  user: 'ContactSync.User',
} as const;

/**
 * The caller's own mailbox: tenant and object id of the validated token, never anything from the request.
 * This is the only way the API names a mailbox.
 */
export function mailboxOf(caller: Pick<CallerIdentity, 'tenantId' | 'userId'>): MailboxRef {
  return { tenantId: caller.tenantId, userId: caller.userId };
}

/** Throws `forbidden` unless the caller holds the admin role. */
export function requireAdmin(caller: Pick<CallerIdentity, 'roles'>): void {
  if (!caller.roles.includes(APP_ROLES.admin)) {
    throw new AppError('forbidden', 'Only Contact Sync administrators can see or change these settings. '
      + `Ask your Microsoft 365 admin to assign you the "${APP_ROLES.admin}" role of the Contact Sync app.`, {
      details: { requiredRole: APP_ROLES.admin },
    });
  }
}

/** Throws `forbidden` when the tenant's policy reserves syncs to role holders and the caller holds no such role. */
export function requireMaySync(caller: Pick<CallerIdentity, 'roles'>, policy: Pick<SyncPolicy, 'whoMaySync'>): void {
  if (policy.whoMaySync === 'everyone') return;
  if (caller.roles.includes(APP_ROLES.user) || caller.roles.includes(APP_ROLES.admin)) return;
  throw new AppError('forbidden', 'Your organisation lets only some people sync Outlook contacts. '
    + `Ask your Microsoft 365 admin to assign you the "${APP_ROLES.user}" role of the Contact Sync app.`, {
    details: { requiredRole: APP_ROLES.user },
  });
}

/** Whether the tenant's policy lets the caller start syncs (the rule {@link requireMaySync} enforces). */
export function maySync(caller: Pick<CallerIdentity, 'roles'>, policy: Pick<SyncPolicy, 'whoMaySync'>): boolean {
  return policy.whoMaySync === 'everyone' || caller.roles.includes(APP_ROLES.user) || caller.roles.includes(APP_ROLES.admin);
}
