import { readBearerToken } from './bearerToken';
import { rejectionReasonOf } from './tokenRejection';

describe('readBearerToken', () => {
  it('reads the token of a Bearer header', () => {
    expect(readBearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
  });

  it.each([undefined, null, '', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b'])('rejects %p as missing_token', (header) => {
    let thrown: unknown;
    try {
      readBearerToken(header);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(rejectionReasonOf(thrown)).toBe('missing_token');
  });
});
