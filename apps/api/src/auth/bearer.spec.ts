import { bearerTokenFrom } from './bearer';

describe(bearerTokenFrom.name, () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['BEARER   abc.def-_~+/=', 'abc.def-_~+/='],
  ])('reads the token of %j', (header, token) => {
    expect(bearerTokenFrom(header)).toBe(token);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['the scheme alone', 'Bearer'],
    ['the scheme and a space', 'Bearer '],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a token with spaces in it', 'Bearer abc def'],
    ['repeated headers', ['Bearer a', 'Bearer b']],
  ])('finds none in %s', (_what, header) => {
    expect(bearerTokenFrom(header)).toBeUndefined();
  });
});
