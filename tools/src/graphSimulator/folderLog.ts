import type { SimContact } from './contactShape';

/** Why a contact left a folder, as Graph's `@removed.reason` says it. */
export type RemovedReason = 'deleted' | 'changed';

/** One change to a folder's contents. */
export interface FolderEvent {
  /** The mailbox version the change was made at. */
  readonly version: number;
  readonly contactId: string;
  /** The contact as it was made at `version`; absent when the contact left the folder. */
  readonly contact?: SimContact;
  readonly removed?: RemovedReason;
}

const NONE = -1;

/**
 * The append-only history of one folder, in version order. A delta round reads the events below the
 * position of its snapshot version, so a round sees the folder exactly as it was when it started
 * while later changes pile up above it — no copies, O(1) per event read.
 */
export class FolderLog {
  private readonly events: FolderEvent[] = [];
  /** For each event, the index of the next event of the same contact (or NONE). */
  private readonly nextOfSameContact: number[] = [];
  private readonly lastIndexOf = new Map<string, number>();

  get length(): number {
    return this.events.length;
  }

  append(event: FolderEvent): void {
    const last = this.events[this.events.length - 1];
    if (last && last.version > event.version) throw new RangeError('folder events must be appended in version order');
    const index = this.events.length;
    const previous = this.lastIndexOf.get(event.contactId);
    if (previous !== undefined) this.nextOfSameContact[previous] = index;
    this.events.push(event);
    this.nextOfSameContact.push(NONE);
    this.lastIndexOf.set(event.contactId, index);
  }

  at(index: number): FolderEvent {
    const event = this.events[index];
    if (!event) throw new RangeError(`no folder event at ${index}`);
    return event;
  }

  /** The index of the first event made after `version` (= how many events are at or below it). */
  positionAfter(version: number): number {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.at(middle).version <= version) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Whether the event at `index` is the last one of its contact among the first `end` events. */
  isLatestBefore(index: number, end: number): boolean {
    const next = this.nextOfSameContact[index] ?? NONE;
    return next === NONE || next >= end;
  }
}
