import { tenantIssuers, toNetworkUrl } from './authorityUrls';

const host = 'https://login.microsoftonline.com';
const local = { authorityHost: host, authorityNetworkUrl: 'http://127.0.0.1:5599' };

describe('toNetworkUrl', () => {
  it.each([
    ['a public authority URL to the local authority', local, `${host}/t/oauth2/v2.0/token?x=1`, 'http://127.0.0.1:5599/t/oauth2/v2.0/token?x=1'],
    ['a URL already at the local authority unchanged', local, 'http://127.0.0.1:5599/t/discovery/v2.0/keys', 'http://127.0.0.1:5599/t/discovery/v2.0/keys'],
    ['a public URL unchanged in production', { authorityHost: host }, `${host}/t/discovery/v2.0/keys`, `${host}/t/discovery/v2.0/keys`],
  ])('maps %s', (_name, location, url, expected) => {
    expect(toNetworkUrl(location, url)).toBe(expected);
  });

  it.each([
    ['another host', 'https://evil.example/t/discovery/v2.0/keys'],
    ['a look-alike host', 'https://login.microsoftonline.com.evil.example/keys'],
    ['a non-URL', 'not a url'],
  ])('refuses %s', (_name, url) => {
    expect(() => toNetworkUrl(local, url)).toThrow(/refusing to contact/);
  });
});

describe('issuers', () => {
  it('accepts the v2 issuer on the configured host and the v1 issuer', () => {
    expect(tenantIssuers(host, 'tid')).toEqual([`${host}/tid/v2.0`, 'https://sts.windows.net/tid/']);
  });
});
