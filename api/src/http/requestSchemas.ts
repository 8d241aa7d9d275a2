import { z } from 'zod';
import { SYNC_SCHEDULES, WHO_MAY_SYNC } from '../admin/tenantSettings';
import { isKnownTimeZone } from '../schedule/nextRun';
import { MERGE_STRATEGIES } from '../contacts/contactModel';
import { phoneRegion } from '../contacts/phoneNumber';

/**
 * The schemas of every request body and query string the API accepts. Bodies are strict: a field the API
 * does not know (say a `userId`) is a 400, never silently ignored. Queries ignore unknown parameters.
 */

/**
 * Characters that have no place in a name people read and that can mislead or break what shows it: C0 and
 * C1 controls (tab, newline, escape…), the line and paragraph separators U+2028/2029, and the bidirectional
 * marks, embeddings, overrides and isolates (U+200E/200F, U+061C, U+202A–202E, U+2066–2069: "Trojan Source").
 */
const UNSAFE_TEXT = /[\p{Cc}\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/u;

/** Free text an admin saves and other people read: 1–`max` characters after trimming, none of them unsafe. */
function displayText(max: number) {
  return z.string()
    .refine((value) => !UNSAFE_TEXT.test(value), { error: 'must not contain control characters, line separators or text-direction marks' })
    .trim().min(1).max(max);
}

/** `POST /api/sync`: `{ full?: boolean }` (also an empty body). */
export const startSyncBody = z.strictObject({
  full: z.boolean().optional().default(false),
});

/** `GET /api/sync/history?top=`: 1–100, default 20. */
export const historyQuery = z.object({
  top: z.coerce.number().int().min(1).max(100).default(20),
});

/** `GET /api/contacts?search=&top=&skip=`: top 1–500 (default 50), skip ≥ 0 (default 0). */
export const contactsQuery = z.object({
  search: z.string().trim().max(200).optional(),
  top: z.coerce.number().int().min(1).max(500).default(50),
  skip: z.coerce.number().int().min(0).max(100_000).default(0),
});

/** `PUT /api/org/integration`. */
export const integrationBody = z.strictObject({
  name: displayText(100),
  clientId: z.guid('must be a GUID: the Application (client) ID'),
  tenantId: z.guid('must be a GUID: the Directory (tenant) ID'),
  enabled: z.boolean(),
});

/** `PUT /api/org/policy`. */
export const policyBody = z.strictObject({
  whoMaySync: z.enum(WHO_MAY_SYNC),
  allowedSchedules: z.array(z.enum(SYNC_SCHEDULES)).max(SYNC_SCHEDULES.length * 2),
  mergeStrategy: z.enum(MERGE_STRATEGIES).optional().default('outlookWins'),
  defaultRegion: z.string().refine((code) => phoneRegion(code) !== undefined, { error: 'must be an ISO 3166 alpha-2 region code, e.g. GB' })
    .transform((code) => code.toUpperCase()).optional().default('US'),
  instantSync: z.boolean().optional().default(false),
});

/** `PUT /api/contacts/{id}/bindings`: which of the contact's values a messaging channel uses. */
export const bindingsBody = z.strictObject({
  phone: z.boolean().optional(),
  email: z.boolean().optional(),
});

/** `GET /api/contacts/lookup?number=`: an incoming number in any common format. */
export const lookupQuery = z.object({
  number: z.string().trim().min(3).max(40),
});

/** `GET /api/contacts/duplicates?top=`: 1–100 groups (default 100). */
export const duplicatesQuery = z.object({
  // A group is up to ~190 point reads: a page of 100 groups is the most one request reads.
  top: z.coerce.number().int().min(1).max(100).default(100),
});

/** `GET /api/sync/history/{syncId}/changes?top=&continuationToken=` (and `/skipped`, paged the same way). */
export const changesQuery = z.object({
  top: z.coerce.number().int().min(1).max(500).default(100),
  continuationToken: z.string().max(2000).optional(),
});

/** `DELETE /api/me/connection`: `{ eraseContacts }`, required: erasing is the user's explicit choice. */
export const disconnectBody = z.strictObject({
  eraseContacts: z.boolean(),
});

/** `GET /api/org/health?top=&continuationToken=`: top 1–100 (default 50); the token as the last page gave it. */
export const healthQuery = z.object({
  top: z.coerce.number().int().min(1).max(100).default(50),
  continuationToken: z.string().min(1).max(2048).optional(),
});

/**
 * `PUT /api/me/schedule`: `{ kind, everyHours?, dailyAt?, timeZone? }`; `everyHours` (2–12) only with
 * `everyHours`, `dailyAt` (`HH:MM`) and an IANA `timeZone` only with `daily`.
 */
export const scheduleBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('off') }),
  z.strictObject({ kind: z.literal('hourly') }),
  z.strictObject({ kind: z.literal('everyHours'), everyHours: z.number().int().min(2).max(12) }),
  z.strictObject({
    kind: z.literal('daily'),
    dailyAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (00:00–23:59)'),
    timeZone: z.string().max(64).refine(isKnownTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin' }),
  }),
]);
