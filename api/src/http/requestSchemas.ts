import { z } from 'zod';
import { SYNC_SCHEDULES, WHO_MAY_SYNC } from '../admin/tenantSettings';

/**
 * The schemas of every request body and query string the API accepts. Bodies are strict: a field the API
 * does not know (say a `userId`) is a 400, never silently ignored. Queries ignore unknown parameters.
 */

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
  name: z.string().trim().min(1).max(100),
  clientId: z.guid('must be a GUID: the Application (client) ID'),
  tenantId: z.guid('must be a GUID: the Directory (tenant) ID'),
  enabled: z.boolean(),
});

/** `PUT /api/org/policy`. */
export const policyBody = z.strictObject({
  whoMaySync: z.enum(WHO_MAY_SYNC),
  allowedSchedules: z.array(z.enum(SYNC_SCHEDULES)).max(SYNC_SCHEDULES.length * 2),
});
