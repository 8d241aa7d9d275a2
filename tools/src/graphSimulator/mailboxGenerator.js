"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.seedMailbox = seedMailbox;
const contactGenerator_1 = require("./contactGenerator");
const generatorCultures_1 = require("./generatorCultures");
const graphIds_1 = require("./graphIds");
const seededRandom_1 = require("./seededRandom");
const OVERSIZED_FIELDS = ['givenName', 'surname', 'emailName', 'businessPhone'];
const OVERSIZED_MIN_LENGTH = 40_001;
/** Fills a mailbox with deterministic, varied folders and contacts. */
function seedMailbox(target, options) {
    const { contacts, folders = 0, seed = 1, oddIds = false, oversized = 0 } = options;
    checkCount('contacts', contacts);
    checkCount('folders', folders);
    checkCount('oversized', oversized);
    if (oversized > contacts)
        throw new RangeError('seed option "oversized" cannot exceed "contacts"');
    const rng = new seededRandom_1.SeededRandom((0, seededRandom_1.mixSeed)('mailbox', seed));
    const folderIds = createFolders(target, rng, folders);
    const targets = [target.defaultFolderId, ...folderIds];
    // Spread evenly: ordinal k of the oversized contacts sits at index ⌊k·contacts/oversized⌋.
    const oversizedAt = new Map(Array.from({ length: oversized }, (_, k) => [Math.floor((k * contacts) / oversized), k]));
    for (let index = 0; index < contacts; index += 1) {
        const folderId = rng.chance(0.4) ? target.defaultFolderId : rng.pick(targets);
        let input = (0, contactGenerator_1.generateContact)(rng, index);
        const ordinal = oversizedAt.get(index);
        if (ordinal !== undefined)
            input = makeOversized(input, rng, ordinal);
        if (oddIds)
            input.id = (0, graphIds_1.oddContactId)(target.newContactId(), index);
        target.addContact(folderId, input);
    }
    return { folderIds, contacts, version: target.version };
}
function createFolders(target, rng, count) {
    const ids = [];
    for (let i = 0; i < count; i += 1) {
        // The first three form a chain, so there are always several levels; the rest hang anywhere.
        const parent = i === 0 ? target.defaultFolderId : i < 3 ? ids[i - 1] : rng.chance(0.35) ? target.defaultFolderId : rng.pick(ids);
        const round = Math.floor(i / generatorCultures_1.FOLDER_NAMES.length);
        const name = `${generatorCultures_1.FOLDER_NAMES[i % generatorCultures_1.FOLDER_NAMES.length] ?? 'Folder'}${round > 0 ? ` ${round + 1}` : ''}`;
        ids.push(target.addFolder(name, parent).id);
    }
    return ids;
}
/** Puts a > 40,000-character value into one field the sync reads (rotating over the fields). */
function makeOversized(input, rng, ordinal) {
    const huge = longText(OVERSIZED_MIN_LENGTH + rng.int(5000));
    const field = OVERSIZED_FIELDS[ordinal % OVERSIZED_FIELDS.length];
    switch (field) {
        case 'givenName': return { ...input, givenName: huge };
        case 'surname': return { ...input, surname: huge };
        case 'emailName': return { ...input, emailAddresses: [{ name: huge, address: 'oversized@example.com' }, ...(input.emailAddresses ?? [])] };
        default: return { ...input, businessPhones: [`+1 425 555 0100 ${huge}`, ...(input.businessPhones ?? [])] };
    }
}
function longText(length) {
    const phrase = 'Lorem ipsum Ωμέγα Привет 你好 مرحبا नमस्ते ';
    return phrase.repeat(Math.ceil(length / phrase.length)).slice(0, length);
}
function checkCount(name, value) {
    if (!Number.isInteger(value) || value < 0)
        throw new RangeError(`seed option "${name}" must be a whole number ≥ 0`);
}
//# sourceMappingURL=mailboxGenerator.js.map