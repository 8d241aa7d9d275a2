"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.generateContact = generateContact;
exports.generateNames = generateNames;
exports.generatePhones = generatePhones;
exports.generateEmails = generateEmails;
exports.formatPhone = formatPhone;
const generatorCultures_1 = require("./generatorCultures");
const BASE_TIME = Date.UTC(2019, 0, 1);
const YEAR_MS = 365 * 24 * 3600 * 1000;
/** One realistic contact (no id, no folder): names in one culture's script, its phone formats, 0–3 emails. */
function generateContact(rng, index) {
    const culture = rng.pick(generatorCultures_1.CULTURES);
    const names = generateNames(rng, culture);
    const phones = generatePhones(rng, culture);
    const created = BASE_TIME + rng.int(5 * YEAR_MS);
    // Built field by field (no spreads): this runs 100,000 times for a benchmark mailbox.
    return {
        givenName: names.givenName,
        surname: names.surname,
        displayName: names.displayName,
        mobilePhone: phones.mobilePhone,
        businessPhones: phones.businessPhones,
        homePhones: phones.homePhones,
        emailAddresses: generateEmails(rng, culture, names.displayName ?? '', index),
        jobTitle: rng.chance(0.6) ? rng.pick(generatorCultures_1.JOB_TITLES) : null,
        companyName: rng.chance(0.6) ? rng.pick(generatorCultures_1.COMPANY_NAMES) : null,
        createdDateTime: isoSeconds(created),
        lastModifiedDateTime: isoSeconds(created + rng.int(YEAR_MS)),
    };
}
/** Mostly full names; some empty, never set, half-set or padded with spaces. */
function generateNames(rng, culture) {
    const given = rng.pick(culture.givenNames);
    const surname = rng.pick(culture.surnames);
    const full = culture.familyFirst ? `${surname}${given}` : `${given} ${surname}`;
    const roll = rng.next();
    if (roll < 0.03)
        return { givenName: '', surname: '', displayName: '' };
    if (roll < 0.05)
        return { givenName: null, surname: null, displayName: '' };
    if (roll < 0.08)
        return { givenName: given, surname: null, displayName: given };
    if (roll < 0.1)
        return { givenName: '', surname, displayName: surname };
    if (roll < 0.12)
        return { givenName: ` ${given}  `, surname: `${surname} `, displayName: full };
    return { givenName: given, surname, displayName: full };
}
/** Phone profiles: only business, only home, only mobile, none, several of each, or a mix; some '' entries. */
function generatePhones(rng, culture) {
    const roll = rng.next();
    if (roll < 0.15)
        return { mobilePhone: null, businessPhones: phoneList(rng, culture, 1, 3), homePhones: [] };
    if (roll < 0.3)
        return { mobilePhone: null, businessPhones: [], homePhones: phoneList(rng, culture, 1, 2) };
    if (roll < 0.4)
        return { mobilePhone: phone(rng, culture), businessPhones: [], homePhones: [] };
    if (roll < 0.5)
        return { mobilePhone: rng.chance(0.5) ? '' : null, businessPhones: [], homePhones: [] };
    if (roll < 0.65) {
        return { mobilePhone: phone(rng, culture), businessPhones: phoneList(rng, culture, 2, 3), homePhones: phoneList(rng, culture, 2, 3) };
    }
    return {
        mobilePhone: rng.chance(0.7) ? phone(rng, culture) : null,
        businessPhones: phoneList(rng, culture, 0, 2),
        homePhones: phoneList(rng, culture, 0, 1),
    };
}
/** 0–3 addresses: mostly plain, some internationalised, some with an empty name or address. */
function generateEmails(rng, culture, displayName, index) {
    const emails = [];
    for (let n = rng.int(4); n > 0; n -= 1) {
        const roll = rng.next();
        if (roll < 0.05)
            emails.push({ name: '', address: '' });
        else if (roll < 0.1)
            emails.push({ name: displayName, address: '' });
        else if (roll < 0.15)
            emails.push({ name: displayName, address: rng.pick(generatorCultures_1.UNICODE_ADDRESSES) });
        else {
            const address = [rng.pick(generatorCultures_1.EMAIL_LOCAL_PARTS), '.', index, '.', n, '@', rng.pick(culture.domains)].join('');
            emails.push({ name: rng.chance(0.2) ? '' : displayName || address, address });
        }
    }
    return emails;
}
/** Fills a template: `#` ASCII digit, `§` Arabic-Indic digit, `＃` full-width digit. */
function formatPhone(rng, template) {
    // One replace builds a flat string (appending char by char would keep a rope of small strings alive).
    return template.replace(/[#§＃]/g, (char) => (DIGITS[char] ?? ASCII_DIGITS)[rng.int(10)] ?? '0');
}
// Lookup strings rather than String.fromCharCode: built-ins are slow inside jest's vm context.
const ASCII_DIGITS = '0123456789';
const DIGITS = { '#': ASCII_DIGITS, '§': '٠١٢٣٤٥٦٧٨٩', '＃': '０１２３４５６７８９' };
function phone(rng, culture) {
    return formatPhone(rng, rng.pick(culture.phoneTemplates));
}
/** Between min and max phones; about one list in eight gets an empty string somewhere. */
function phoneList(rng, culture, min, max) {
    const phones = [];
    for (let n = min + rng.int(max - min + 1); n > 0; n -= 1)
        phones.push(phone(rng, culture));
    if (phones.length > 0 && rng.chance(0.12))
        phones.splice(rng.int(phones.length + 1), 0, '');
    return phones;
}
function isoSeconds(ms) {
    return new Date(ms - (ms % 1000)).toISOString().replace('.000Z', 'Z');
}
//# sourceMappingURL=contactGenerator.js.map