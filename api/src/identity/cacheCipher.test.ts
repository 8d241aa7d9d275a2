import { randomBytes } from 'node:crypto';
import { CacheUnreadableError, createCacheCipher } from './cacheCipher';

const key = randomBytes(32);
const secretText = JSON.stringify({ RefreshToken: { k: { secret: '1.AS-refresh-token-value' } } });

function flipLastByte(sealed: string): string {
  const bytes = Buffer.from(sealed.slice('v1.'.length), 'base64');
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
  return `v1.${bytes.toString('base64')}`;
}

describe('cacheCipher', () => {
  const cipher = createCacheCipher(key);

  it('round-trips a cache for its owner', () => {
    expect(cipher.open(cipher.seal(secretText, 'tenant|user'), 'tenant|user')).toBe(secretText);
  });

  it('hides the plaintext and never repeats a ciphertext', () => {
    const first = cipher.seal(secretText, 'tenant|user');
    const second = cipher.seal(secretText, 'tenant|user');
    expect(first).toMatch(/^v1\.[A-Za-z0-9+/]+=*$/);
    expect(first).not.toBe(second);
    expect(Buffer.from(first.slice(3), 'base64').toString('latin1')).not.toContain('refresh-token-value');
  });

  it.each([
    ['a wrong key', (sealed: string) => createCacheCipher(randomBytes(32)).open(sealed, 'tenant|user')],
    ['another owner (a value copied to another row)', (sealed: string) => cipher.open(sealed, 'tenant|other-user')],
    ['a tampered ciphertext', (sealed: string) => cipher.open(flipLastByte(sealed), 'tenant|user')],
    ['an unknown format', () => cipher.open('plain text', 'tenant|user')],
    ['a truncated value', () => cipher.open('v1.AAAA', 'tenant|user')],
  ])('fails cleanly with CacheUnreadableError for %s', (_name, open) => {
    const sealed = cipher.seal(secretText, 'tenant|user');
    let thrown: unknown;
    try {
      open(sealed);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CacheUnreadableError);
    expect(String((thrown as Error).message)).not.toContain('refresh');
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createCacheCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
