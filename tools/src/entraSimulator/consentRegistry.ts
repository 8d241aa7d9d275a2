/** Whether a user has consented to the app's delegated Graph permissions. */
export type ConsentState = 'granted' | 'missing' | 'revoked';

export const CONSENT_STATES: readonly ConsentState[] = ['granted', 'missing', 'revoked'];

/** Graph permissions a grant covers: what the app registration asks for. */
export const DEFAULT_GRANTED_SCOPES: readonly string[] = ['Contacts.Read', 'User.Read', 'offline_access'];

interface ConsentRecord {
  state: ConsentState;
  /** When the state was set (ms); a grant only takes effect after the propagation delay. */
  changedAt: number;
}

/** Options for {@link ConsentRegistry}. */
export interface ConsentRegistryOptions {
  /** After a grant, the token endpoint keeps answering consent_required for this long (Entra's propagation). */
  propagationMs?: number;
  /** State of users nobody set: 'missing', like a user who never opened the app. */
  defaultState?: ConsentState;
  /** Graph permissions (short names) a grant covers. */
  grantedScopes?: readonly string[];
  now?: () => number;
}

/** Per (tenant, user) consent, as the simulated token endpoint sees it. */
export class ConsentRegistry {
  private readonly records = new Map<string, ConsentRecord>();
  private readonly propagationMs: number;
  private readonly defaultState: ConsentState;
  private readonly now: () => number;
  readonly grantedScopes: readonly string[];

  constructor(options: ConsentRegistryOptions = {}) {
    this.propagationMs = options.propagationMs ?? 0;
    this.defaultState = options.defaultState ?? 'missing';
    this.grantedScopes = options.grantedScopes ?? DEFAULT_GRANTED_SCOPES;
    this.now = options.now ?? Date.now;
  }

  /** `propagated`: the state was set long ago (an established user), so no propagation delay applies. */
  set(tenantId: string, userId: string, state: ConsentState, options: { propagated?: boolean } = {}): void {
    this.records.set(keyOf(tenantId, userId), { state, changedAt: options.propagated ? Number.NEGATIVE_INFINITY : this.now() });
  }

  /** The state as set (a fresh grant reads 'granted' even while it propagates). */
  get(tenantId: string, userId: string): ConsentState {
    return this.records.get(keyOf(tenantId, userId))?.state ?? this.defaultState;
  }

  /** The Graph permissions the token endpoint honours right now: none until a grant has propagated. */
  effectiveScopes(tenantId: string, userId: string): readonly string[] {
    const record = this.records.get(keyOf(tenantId, userId));
    const state = record?.state ?? this.defaultState;
    if (state !== 'granted') return [];
    if (record && this.now() - record.changedAt < this.propagationMs) return [];
    return this.grantedScopes;
  }
}

function keyOf(tenantId: string, userId: string): string {
  return `${tenantId.toLowerCase()}|${userId.toLowerCase()}`;
}
