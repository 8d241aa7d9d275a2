import { TokenCodec } from './deltaTokens';
import { FaultScript, parseFault } from './faultScript';
import { parsePrefer } from './preferences';
import { DEFAULT_KNOBS, mergeKnobs } from './simulatorKnobs';

describe('parsePrefer', () => {
  it.each<[string | string[] | undefined, ReturnType<typeof parsePrefer>]>([
    [undefined, { immutableIds: false }],
    ['odata.maxpagesize=50', { maxPageSize: 50, immutableIds: false }],
    ['odata.maxpagesize=199, IdType="ImmutableId"', { maxPageSize: 199, immutableIds: true }],
    [['IDTYPE=immutableid', 'Odata.MaxPageSize="20"'], { maxPageSize: 20, immutableIds: true }],
    ['odata.maxpagesize=0, odata.maxpagesize=abc, IdType="RestId"', { immutableIds: false }],
  ])('reads %j', (header, expected) => {
    expect(parsePrefer(header)).toEqual(expected);
  });
});

describe('mergeKnobs', () => {
  it('changes only the knobs given', () => {
    expect(mergeKnobs(DEFAULT_KNOBS, { throttleRate: 0.5, shuffle: true })).toEqual({ ...DEFAULT_KNOBS, throttleRate: 0.5, shuffle: true });
  });

  it.each([
    [{ throttleRate: 1.5 }, /throttleRate/],
    [{ latencyMs: -1 }, /latencyMs/],
    [{ maxPageSize: 0 }, /maxPageSize/],
    [{ replayRate: 1 }, /replayRate/],
    [{ expiredTokenCode: 'gone' }, /expiredTokenCode/],
    [{ nope: 1 }, /unknown knob "nope"/],
    ['fast', /object/],
  ])('refuses %j naming the knob', (patch, message) => {
    expect(() => mergeKnobs(DEFAULT_KNOBS, patch)).toThrow(message);
  });
});

describe('FaultScript', () => {
  it('hands faults to matching requests in order, each as many times as asked', () => {
    const script = new FaultScript();
    script.push({ kind: '429', match: 'folders' }, { kind: '503', match: /delta\?\$deltatoken/, times: 2 }, { kind: 'drop' });
    const delta = { kind: 'delta' as const, pathAndQuery: '/v1.0/me/contactFolders/x/contacts/delta?$deltatoken=abc' };
    const taken = [script.take(delta), script.take(delta), script.take(delta), script.take(delta)].map((fault) => fault?.kind);
    expect(taken).toEqual(['503', '503', 'drop', undefined]);
    expect(script.pending.map((fault) => fault.kind)).toEqual(['429']);
  });

  it.each([
    [{ kind: '418' }, /kind/],
    [{ kind: '429', times: 0 }, /times/],
    [{ kind: '429', retryAfterSeconds: 1.5 }, /retryAfterSeconds/],
    [{ kind: '429', match: 5 }, /match/],
  ])('refuses the fault %j', (json, message) => {
    expect(() => parseFault(json)).toThrow(message);
  });

  it('reads "match" from JSON as a kind, any, or a RegExp source', () => {
    expect([parseFault({ kind: '429', match: 'delta' }).match, parseFault({ kind: '429', match: 'any' }).match]).toEqual(['delta', undefined]);
    expect(parseFault({ kind: '504', match: 'child.*' }).match).toEqual(/child.*/);
  });
});

describe('TokenCodec', () => {
  const codec = new TokenCodec();
  const state = { kind: 'delta' as const, mailbox: 'm', incarnation: 1, folder: 2, version: 3, issued: 4 };

  it('round-trips a state through an opaque URL-safe token', () => {
    const token = codec.encode(state);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(codec.decode(token)).toEqual({ status: 'ok', state });
  });

  it.each([
    ['an edited body', (t: string) => {
      const [body = '', mac] = t.split('.');
      const edited = { ...JSON.parse(Buffer.from(body, 'base64url').toString()), version: 9 };
      return `${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${mac}`;
    }],
    ['a missing signature', (t: string) => t.split('.')[0] ?? ''],
    ['not base64 JSON', () => 'abc.def'],
  ])('calls a token with %s invalid', (_name, edit) => {
    expect(codec.decode(edit(codec.encode(state))).status).toBe('invalid');
  });

  it('calls a token of another simulator run foreign', () => {
    expect(new TokenCodec().decode(codec.encode(state)).status).toBe('foreign');
  });
});
