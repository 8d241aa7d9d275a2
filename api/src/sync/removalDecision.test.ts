import type { ContactRow } from '../storage/contactEntity';
import type { RemovalMarker } from '../storage/mailboxStore';
import { decideRemoval, pageOf, seenBeforeRestart } from './removalDecision';

const SYNC = 'sync-2';

function row(folderId: string, stamp?: { syncId: string; unit: string }, deletedAtSource = false): ContactRow {
  return {
    contact: {
      id: 'C', folderId, firstName: 'A', lastName: '', phone: '', phoneE164: '', phoneInvalid: false, email: '', companyName: '', phoneChannelBound: false,
      emailChannelBound: false, deletedAtSource, deletedAtSourceAt: '', lastChangedAt: '', truncatedFields: '',
    },
    stamp: stamp && { ...stamp, outcome: 'unchanged' },
    etag: 'W/"1"',
  };
}

const removedFromF = (unit?: string): RemovalMarker => ({ contactId: 'C', folderId: 'F', outcome: '', unit });

describe('decideRemoval', () => {
  it.each<[string, RemovalMarker, ContactRow | undefined, ReturnType<typeof decideRemoval>]>([
    ['a contact stored in the folder, untouched by this sync', removedFromF('F#2'), row('F', { syncId: 'sync-1', unit: 'F#9' }), 'deleted'],
    ['a contact never stored', removedFromF('F#2'), undefined, 'moved'],
    ['a contact now in another folder', removedFromF('F#2'), row('G', { syncId: SYNC, unit: 'G#1' }), 'moved'],
    ['a contact already deleted', removedFromF('F#2'), row('F', undefined, true), 'moved'],
    ['a contact seen on an earlier page, removed on a later one', removedFromF('F#3'), row('F', { syncId: SYNC, unit: 'F#1' }), 'deleted'],
    ['a contact removed, then seen on a later page (or after a restart)', removedFromF('F#1'), row('F', { syncId: SYNC, unit: 'F#3' }), 'present'],
    ['a contact seen first in another folder, then written here', removedFromF('F#1'), row('F', { syncId: SYNC, unit: 'G#4' }), 'present'],
    ['a contact the end phase of this sync marked', removedFromF('F#1'), row('F', { syncId: SYNC, unit: 'end' }), 'deleted'],
    ['a marker without a page (staged before pages were recorded)', removedFromF(), row('F', { syncId: SYNC, unit: 'F#1' }), 'present'],
    ['a contact the end phase found unseen, stamped by this sync before a restart', removedFromF('end'), row('F', { syncId: SYNC, unit: 'F#2' }), 'deleted'],
    ['a contact of a folder that is gone, stamped by another folder\'s page', removedFromF('end'), row('F', { syncId: SYNC, unit: 'G#4' }), 'deleted'],
    ['a contact the end phase found unseen, moved since', removedFromF('end'), row('G', { syncId: SYNC, unit: 'G#1' }), 'moved'],
  ])('%s', (_name, marker, stored, expected) => {
    expect(decideRemoval(marker, stored, SYNC)).toBe(expected);
  });
});

describe('pageOf', () => {
  it.each<[string, string, number | undefined]>([
    ['F#12', 'F', 12],
    ['F#12', 'G', undefined],
    ['a#b#3', 'a#b', 3],
    ['end', 'F', undefined],
    ['F#x', 'F', undefined],
  ])('reads %s of folder %s as %s', (unit, folderId, expected) => {
    expect(pageOf(unit, folderId)).toBe(expected);
  });
});

describe('seenBeforeRestart', () => {
  it.each<[string, string, number | undefined, boolean]>([
    ['F#2', 'F', 3, true],
    ['F#3', 'F', 3, true],
    ['F#4', 'F', 3, false],
    ['F#1', 'F', 0, false],
    ['F#1', 'F', undefined, false],
    ['G#1', 'F', 3, false],
    ['end', 'F', 3, false],
  ])('reads a stamp of %s in folder %s restarted after %s pages as %s', (unit, folderId, restartedAt, expected) => {
    expect(seenBeforeRestart({ syncId: SYNC, unit, outcome: 'new' }, folderId, restartedAt)).toBe(expected);
  });
});
