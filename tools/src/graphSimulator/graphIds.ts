import { createHash } from 'node:crypto';

// Exchange entry ids in base64 start with these bytes ("AAMkA…"); the rest is hashed, so ids are stable.
const ENTRY_PREFIX = Buffer.from([0x00, 0x03, 0x24, 0x00]);
const ENTRY_MARKER = Buffer.from([0x00, 0x46, 0x00, 0x00]);

/**
 * Makes Graph-looking immutable ids (URL-safe base64 with `-`, `_` and `=` padding, as Outlook's REST ids
 * are: "AAMkAGI2…AAA=") unique within one mailbox. They
 * depend only on the mailbox and the order of creation, so re-creating a mailbox the same way gives the
 * same ids.
 */
export class GraphIdFactory {
  private readonly mailboxBytes: Buffer;
  private serial = 0;

  constructor(mailboxKey: string) {
    this.mailboxBytes = sha256(`mailbox|${mailboxKey}`).subarray(0, 16);
  }

  /** A new id; `kind` keeps folder and contact ids apart. */
  next(kind: 'contact' | 'folder'): string {
    this.serial += 1;
    return entryId(this.mailboxBytes, `${kind}|${this.serial}`);
  }
}

/**
 * The id Graph uses without `Prefer: IdType="ImmutableId"`: it depends on the folder that holds the
 * item, so it changes when the contact moves.
 */
export function restIdFor(immutableId: string, folderSerial: number): string {
  return entryId(sha256(`folder|${folderSerial}`).subarray(0, 16), `rest|${immutableId}|${folderSerial}`);
}

/** The ways {@link oddContactId} breaks Azure Table key rules; index with `variant % ODD_ID_SHAPES.length`. */
export const ODD_ID_SHAPES: ReadonlyArray<(base: string) => string> = [
  (base) => `${base}/slash`,
  (base) => `back\\slash\\${base}`,
  (base) => `#hash#${base}`,
  (base) => `${base}?question=1`,
  (base) => `ctrl\u0001\u001f${base}\u007f`,
  (base) => `tab\tnew\nline${base}`,
  (base) => `${base}${'x/'.repeat(600)}`,
  (base) => `mix/\\#?${base}%2F`,
];

/** A contact id that Table keys forbid as is (`/ \ # ?`, control characters, over 1 KiB). */
export function oddContactId(base: string, variant: number): string {
  const shape = ODD_ID_SHAPES[variant % ODD_ID_SHAPES.length];
  if (!shape) throw new RangeError('no odd id shape');
  return shape(base);
}

function entryId(mailboxBytes: Buffer, itemKey: string): string {
  // 4 + 16 + 4 + 32 = 56 bytes: not a multiple of 3, so the id ends with "=" like Graph's.
  const base64 = Buffer.concat([ENTRY_PREFIX, mailboxBytes, ENTRY_MARKER, sha256(itemKey)]).toString('base64');
  return base64.replace(/\+/g, '-').replace(/\//g, '_');
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
