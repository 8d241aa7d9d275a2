/** Reading properties of entities as stored: a missing or mistyped property reads as the fallback. */

export function textField(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

export function numberField(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
