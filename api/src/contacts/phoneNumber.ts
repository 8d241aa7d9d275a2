import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';

export type { CountryCode };

/**
 * E.164 form of a phone as typed in Outlook, or '' when it cannot be read as a possible number
 * (possible, not valid: Ofcom's and NANP's fictional ranges, used in tests and demos, are kept).
 * Numbers without a country prefix are read in `defaultCountry` (the tenant's, when known).
 */
export function toE164(raw: string, defaultCountry?: CountryCode): string {
  const trimmed = raw.trim();
  if (!trimmed) return '';
  // Outlook users type international numbers as 00…; libphonenumber reads '+' only.
  const normalised = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  const parsed = parsePhoneNumberFromString(normalised, defaultCountry);
  return parsed?.isPossible() ? parsed.number : '';
}

/** The region as libphonenumber knows it (ISO 3166 alpha-2, any case), or undefined when it knows none such. */
export function phoneRegion(code: string | undefined): CountryCode | undefined {
  const upper = (code ?? '').toUpperCase();
  return isSupportedCountry(upper) ? upper : undefined;
}
