"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ODD_ID_SHAPES = exports.GraphIdFactory = void 0;
exports.restIdFor = restIdFor;
exports.oddContactId = oddContactId;
const node_crypto_1 = require("node:crypto");
// Exchange entry ids in base64 start with these bytes ("AAMkA…"); the rest is hashed, so ids are stable.
const ENTRY_PREFIX = Buffer.from([0x00, 0x03, 0x24, 0x00]);
const ENTRY_MARKER = Buffer.from([0x00, 0x46, 0x00, 0x00]);
/**
 * Makes Graph-looking immutable ids (standard base64 with `+`, `/`, `=`) unique within one mailbox. They
 * depend only on the mailbox and the order of creation, so re-creating a mailbox the same way gives the
 * same ids.
 */
class GraphIdFactory {
    mailboxBytes;
    serial = 0;
    constructor(mailboxKey) {
        this.mailboxBytes = sha256(`mailbox|${mailboxKey}`).subarray(0, 16);
    }
    /** A new id; `kind` keeps folder and contact ids apart. */
    next(kind) {
        this.serial += 1;
        return entryId(this.mailboxBytes, `${kind}|${this.serial}`);
    }
}
exports.GraphIdFactory = GraphIdFactory;
/**
 * The id Graph uses without `Prefer: IdType="ImmutableId"`: it depends on the folder that holds the
 * item, so it changes when the contact moves.
 */
function restIdFor(immutableId, folderSerial) {
    return entryId(sha256(`folder|${folderSerial}`).subarray(0, 16), `rest|${immutableId}|${folderSerial}`);
}
/** The ways {@link oddContactId} breaks Azure Table key rules; index with `variant % ODD_ID_SHAPES.length`. */
exports.ODD_ID_SHAPES = [
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
function oddContactId(base, variant) {
    const shape = exports.ODD_ID_SHAPES[variant % exports.ODD_ID_SHAPES.length];
    if (!shape)
        throw new RangeError('no odd id shape');
    return shape(base);
}
function entryId(mailboxBytes, itemKey) {
    // 4 + 16 + 4 + 32 = 56 bytes: not a multiple of 3, so the id ends with "=" like Graph's.
    return Buffer.concat([ENTRY_PREFIX, mailboxBytes, ENTRY_MARKER, sha256(itemKey)]).toString('base64');
}
function sha256(text) {
    return (0, node_crypto_1.createHash)('sha256').update(text).digest();
}
//# sourceMappingURL=graphIds.js.map