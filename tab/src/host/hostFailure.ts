import { HostAuthError, type HostStep } from './hostPort';

/**
 * The failure reasons Teams answers `authentication.getAuthToken` and `authenticate` with (teams-js rejects
 * with `Error(reason)`); some hosts answer a longer text that carries one, e.g.
 * `invalid_resource|AADSTS500011: … error mapped to action:resourceDisabled`.
 */
export const HOST_REASONS = [
  'resourceRequiresConsent', 'resourceDisabled', 'tokenRevoked', 'CancelledByUser', 'FailedToOpenWindow',
  'invalid_resource', 'consent_required', 'interaction_required', 'user_consent_required',
] as const;

/** The reason a host failure names: a known one found in the text, else its first word. */
export function hostReasonOf(text: string): string {
  const known = HOST_REASONS.find((reason) => new RegExp(`(^|[^A-Za-z_])${reason}($|[^A-Za-z_])`).test(text));
  return known ?? (text.split(/[\s:,|]/)[0] || 'unknown');
}

/** A teams-js rejection of `step` as a {@link HostAuthError}. */
export function asHostAuthError(error: unknown, step: HostStep): HostAuthError {
  if (error instanceof HostAuthError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new HostAuthError(hostReasonOf(message), message, step);
}
