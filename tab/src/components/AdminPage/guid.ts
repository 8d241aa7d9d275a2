const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why `value` is not a GUID (the message names what the field is), or undefined when it is one. */
export function guidProblem(value: string, what: string): string | undefined {
  if (!value.trim()) return `Enter the ${what}.`;
  return GUID.test(value.trim()) ? undefined : `The ${what} is a GUID like 00000000-0000-0000-0000-000000000000: copy it from the app registration's Overview page.`;
}
