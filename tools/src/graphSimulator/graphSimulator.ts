import { contactChangeNotifier } from './changeNotifications';
import { TokenCodec } from './deltaTokens';
import { FaultScript, type RequestKind } from './faultScript';
import { Mailbox } from './mailbox';
import { NotificationDispatcher } from './notificationDispatcher';
import { type RequestCounts, RequestCounter } from './requestCounts';
import { mixSeed, SeededRandom } from './seededRandom';
import { DEFAULT_KNOBS, mergeKnobs, type SimulatorKnobs } from './simulatorKnobs';
import { SubscriptionStore } from './subscriptionStore';

/** A random fault drawn for one request. */
export type RandomFault = '429' | '503' | 'drop';

/**
 * The simulator's state, usable without HTTP: mailboxes keyed by (tenant, user), knobs, the fault
 * script, request counts, the delta token registry, change-notification subscriptions and their delivery.
 */
export class GraphSimulator {
  /** Deterministic faults for tests, consumed by the next matching requests. */
  readonly faults = new FaultScript();
  /** Encodes and checks skip and delta tokens. */
  readonly tokens = new TokenCodec();
  /** Every live change-notification subscription (`list`, `find`, `delete`, `clear`). */
  readonly subscriptions = new SubscriptionStore();
  /** Delivery of change and lifecycle notifications: `counts`, `whenIdle()`, `stop()`. */
  readonly notifications: NotificationDispatcher;
  private knobValues: Readonly<SimulatorKnobs>;
  /** Graph requests since `throttleEvery` was last set. */
  private sinceThrottle = 0;
  private faultRandom: SeededRandom;
  private readonly counter = new RequestCounter();
  private readonly mailboxes = new Map<string, Mailbox>();
  private incarnations = 0;
  private tokenSerial = 0;
  private expiredBelow = 0;

  constructor(knobs: Partial<SimulatorKnobs> = {}) {
    this.knobValues = Object.freeze(mergeKnobs(DEFAULT_KNOBS, knobs));
    this.faultRandom = new SeededRandom(mixSeed('faults', this.knobValues.seed));
    this.notifications = new NotificationDispatcher(() => this.knobValues, this.knobValues.seed);
  }

  /** The current knobs (a frozen copy). */
  get knobs(): Readonly<SimulatorKnobs> {
    return this.knobValues;
  }

  /** Assigning a partial object changes only those knobs (see {@link setKnobs}). */
  set knobs(patch: Partial<SimulatorKnobs>) {
    this.setKnobs(patch);
  }

  /** Changes some knobs; throws a RangeError naming a bad one. Setting `seed` restarts the random faults. */
  setKnobs(patch: Partial<SimulatorKnobs>): Readonly<SimulatorKnobs> {
    this.knobValues = Object.freeze(mergeKnobs(this.knobValues, patch));
    if (patch.seed !== undefined) {
      this.faultRandom = new SeededRandom(mixSeed('faults', patch.seed));
      this.notifications.reseed(patch.seed);
    }
    if (patch.throttleEvery !== undefined) this.sinceThrottle = 0;
    return this.knobValues;
  }

  /** Graph requests answered so far (a copy). */
  get counts(): RequestCounts {
    return this.counter.snapshot();
  }

  resetCounts(): void {
    this.counter.reset();
  }

  /** The mailbox of (tenant, user), created empty when new. */
  mailbox(tenantId: string, userId: string): Mailbox {
    return this.findMailbox(tenantId, userId) ?? this.createMailbox(tenantId, userId);
  }

  findMailbox(tenantId: string, userId: string): Mailbox | undefined {
    return this.mailboxes.get(mailboxKey(tenantId, userId));
  }

  /**
   * A new empty mailbox for (tenant, user), replacing any existing one; old tokens then answer 410 and the
   * old one's subscriptions are gone.
   */
  createMailbox(tenantId: string, userId: string): Mailbox {
    this.deleteMailbox(tenantId, userId);
    this.incarnations += 1;
    const mailbox = new Mailbox(tenantId, userId, this.incarnations);
    mailbox.onContactChange = contactChangeNotifier(this.subscriptions, this.notifications, mailbox);
    this.mailboxes.set(mailboxKey(tenantId, userId), mailbox);
    return mailbox;
  }

  /** Removes a mailbox and its subscriptions. */
  deleteMailbox(tenantId: string, userId: string): boolean {
    const mailbox = this.findMailbox(tenantId, userId);
    if (mailbox) this.subscriptions.deleteMailbox(mailbox);
    return this.mailboxes.delete(mailboxKey(tenantId, userId));
  }

  /** Every delta token issued until now answers 410 from now on (skip tokens of running rounds still work). */
  expireDeltaTokens(): void {
    this.expiredBelow = this.tokenSerial + 1;
  }

  /** @internal The serial of a delta token being issued. */
  issueTokenSerial(): number {
    this.tokenSerial += 1;
    return this.tokenSerial;
  }

  /** @internal Whether a delta token with this serial was expired by {@link expireDeltaTokens}. */
  isExpired(serial: number): boolean {
    return serial < this.expiredBelow;
  }

  /** @internal Draws this request's random fault from the seeded knobs. */
  drawRandomFault(): RandomFault | undefined {
    const { throttleRate, throttleEvery, unavailableRate, dropRate } = this.knobValues;
    if (throttleEvery > 0) {
      this.sinceThrottle += 1;
      if (this.sinceThrottle % throttleEvery === 0) return '429';
    }
    if (this.faultRandom.chance(throttleRate)) return '429';
    if (this.faultRandom.chance(unavailableRate)) return '503';
    if (this.faultRandom.chance(dropRate)) return 'drop';
    return undefined;
  }

  /** @internal Counts an answered Graph request (`roundTrip` false: one inside a `$batch`). */
  recordRequest(kind: RequestKind, status: number | 'dropped', roundTrip = true): void {
    this.counter.record(kind, status, roundTrip);
  }

  /** @internal Counts the HTTP request of a `$batch`. */
  recordBatch(): void {
    this.counter.recordBatch();
  }
}

function mailboxKey(tenantId: string, userId: string): string {
  return `${tenantId}\n${userId}`;
}
