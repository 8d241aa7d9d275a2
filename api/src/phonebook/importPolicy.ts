import type { MergeStrategy } from '../contacts/contactModel';

/** The tenant's rules for an import (from the admin policy), read once per sync. */
export interface ImportPolicy {
  mergeStrategy: MergeStrategy;
  /** ISO 3166 alpha-2 region national phone numbers are read in. */
  defaultRegion: string;
}

/** Today's rules: Outlook wins, numbers read in the US region. */
export const OUTLOOK_WINS: Readonly<ImportPolicy> = Object.freeze({ mergeStrategy: 'outlookWins', defaultRegion: 'US' });

/** The import rules of a tenant's stored policy (today's when the admin never saved one). */
export function importPolicyOf(policy: Partial<ImportPolicy> | undefined): ImportPolicy {
  return { mergeStrategy: policy?.mergeStrategy ?? OUTLOOK_WINS.mergeStrategy, defaultRegion: policy?.defaultRegion ?? OUTLOOK_WINS.defaultRegion };
}
