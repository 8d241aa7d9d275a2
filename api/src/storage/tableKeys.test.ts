import { decodeKey, encodeKey, isHashedKey, mailboxPartitionKey, rowKindFilter } from './tableKeys';

describe('encodeKey', () => {
  it.each([
    ['an ordinary Graph id', 'AAMkAGI2TG93AAA='],
    ['a Graph id with slashes', 'AAMkAD/+abc/def=='],
    ['every forbidden character', 'a/b\\c#d?e%f'],
    ['control characters', 'x\u0000y\u001fz\u007f\u0085'],
    ['non-Latin text', 'Ĳ Σ 日本 مرحبا'],
    ['an already escaped-looking text', '%2f%u00e9'],
    ['the empty string', ''],
  ])('round-trips %s and leaves no forbidden character', (_name, value) => {
    const key = encodeKey(value);
    // eslint-disable-next-line no-control-regex -- the characters Table keys forbid
    expect(key).not.toMatch(/[/\\#?\u0000-\u001f\u007f-\u009f]/);
    expect(decodeKey(key)).toBe(value);
  });

  it('keeps ordinary ids readable', () => {
    expect(encodeKey('AAMkAGI2TG93AAA=')).toBe('AAMkAGI2TG93AAA=');
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
