import { decodeKey, encodeKey, hasLoneSurrogate, isHashedKey, mailboxPartitionKey, rowKindFilter } from './tableKeys';

describe('encodeKey', () => {
  it.each([
    ['an ordinary Graph id', 'AAMkAGI2TG93AAA='],
    ['a Graph id with slashes', 'AAMkAD/+abc/def=='],
    ['every forbidden character', 'a/b\\c#d?e%f'],
    ['control characters', 'x\u0000y\u001fz\u007f\u0085'],
    ['non-Latin text', 'Ĳ Σ 日本 مرحبا'],
    ['an already escaped-looking text', '%2f%u00e9'],
    ['the empty string', ''],
    ['a lone high surrogate', 'AAMk\ud800x'],
    ['a lone low surrogate at the end', 'AAMk\udc00'],
    ['reversed surrogates', '\udc00\ud800'],
    ['line and paragraph separators', 'a\u2028b\u2029c'],
    ['a real surrogate pair (an emoji) beside a lone one', '😀\ud83d'],
    ['a URL-safe base64 Graph id', 'AAMkAGI2-_TG93AAA='],
  ])('round-trips %s and leaves no forbidden character', (_name, value) => {
    const key = encodeKey(value);
    // eslint-disable-next-line no-control-regex -- the characters Table keys forbid, and those a batch refuses
    expect(key).not.toMatch(/[/\\#?\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(hasLoneSurrogate(key)).toBe(false);
    expect(() => encodeURIComponent(key)).not.toThrow();
    expect(decodeKey(key)).toBe(value);
  });

  it('keeps a real surrogate pair as it is', () => {
    expect(encodeKey('Ann 😀')).toBe('Ann 😀');
  });

  it.each([
    ['lone high surrogates', 'x/'.repeat(300) + '\ud800', 'x/'.repeat(300) + '\ud801'],
    ['lone low surrogates', 'x/'.repeat(300) + '\udc00', 'x/'.repeat(300) + '\udc01'],
  ])('hashes long ids that differ only in %s to different keys', (_name, a, b) => {
    expect(isHashedKey(encodeKey(a))).toBe(true);
    expect(encodeKey(a)).not.toBe(encodeKey(b));
  });

  it('keeps ordinary ids readable', () => {
    expect(encodeKey('AAMkAGI2TG93AAA=')).toBe('AAMkAGI2TG93AAA=');
    expect(encodeKey('AAMkAGI2-TG_93AAA=')).toBe('AAMkAGI2-TG_93AAA=');
  });

  it('hashes ids too long for a key, deterministically and distinctly', () => {
    const long = 'x/'.repeat(400);
    const key = encodeKey(long);
    expect(isHashedKey(key)).toBe(true);
    expect(key.length).toBeLessThan(100);
    expect(encodeKey(long)).toBe(key);
    expect(encodeKey(long + 'y')).not.toBe(key);
    expect(() => decodeKey(key)).toThrow(/hashed/);
  });
});

describe('mailboxPartitionKey', () => {
  it('separates tenant and user so that no two mailboxes share a partition', () => {
    const a = mailboxPartitionKey({ tenantId: 't1', userId: 'u|2' });
    const b = mailboxPartitionKey({ tenantId: 't1|u', userId: '2' });
    expect(a).not.toBe(b);
  });
});

describe('rowKindFilter', () => {
  it('selects a RowKey range that starts at the prefix and ends before the next prefix', () => {
    expect(rowKindFilter("p'1", 'c:')).toBe("PartitionKey eq 'p''1' and RowKey ge 'c:' and RowKey lt 'c;'");
  });
});
