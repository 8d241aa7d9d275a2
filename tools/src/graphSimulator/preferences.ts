/** The `Prefer` header values the simulator acts on. */
export interface Preferences {
  /** `odata.maxpagesize=N`, when given and valid. */
  maxPageSize?: number;
  /** `IdType="ImmutableId"`. */
  immutableIds: boolean;
}

/** Parses one or more `Prefer` headers (comma-separated preferences, names case-insensitive). */
export function parsePrefer(header: string | string[] | undefined): Preferences {
  const preferences: Preferences = { immutableIds: false };
  const raw = Array.isArray(header) ? header.join(',') : header ?? '';
  for (const part of raw.split(',')) {
    const [name = '', value = ''] = part.split('=', 2).map((piece) => piece.trim());
    const unquoted = value.replace(/^"(.*)"$/, '$1');
    if (name.toLowerCase() === 'odata.maxpagesize' && /^\d+$/.test(unquoted) && Number(unquoted) > 0) {
      preferences.maxPageSize = Number(unquoted);
    } else if (name.toLowerCase() === 'idtype' && unquoted.toLowerCase() === 'immutableid') {
      preferences.immutableIds = true;
    }
  }
  return preferences;
}

/** The `Preference-Applied` header of a delta answer. */
export function preferenceApplied(preferences: Preferences, pageSize: number): string {
  const applied = ['odata.track-changes'];
  if (preferences.maxPageSize !== undefined) applied.push(`odata.maxpagesize=${pageSize}`);
  if (preferences.immutableIds) applied.push('IdType="ImmutableId"');
  return applied.join(', ');
}
