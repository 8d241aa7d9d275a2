/**
 * The operator's answer to "which organisations does this deployment serve?" (`ALLOWED_TENANTS`): a
 * single-tenant deployment names its one tenant, a multi-tenant operator names its customers or says `any`.
 * A tenant not on the list is refused before its token is even verified, and its admins cannot enable it.
 */
export type TenantAllowList = (tenantId: string) => boolean;

/** An allow-list from the setting as read by the configuration: `any`, or lower-case tenant ids. */
export function createTenantAllowList(allowed: 'any' | readonly string[]): TenantAllowList {
  if (allowed === 'any') return () => true;
  const ids = new Set(allowed.map((id) => id.toLowerCase()));
  return (tenantId) => ids.has(tenantId.toLowerCase());
}
