import { parseLifetime } from './token-lifetime';

describe(parseLifetime.name, () => {
  it.each([
    ['90s', 90],
    ['15m', 900],
    ['8h', 28_800],
    ['7d', 604_800],
    [' 2 h ', 7_200],
  ])('reads %j as %d seconds', (text, seconds) => {
    expect(parseLifetime(text)).toBe(seconds);
  });

  it.each(['', '8', 'h', '0h', '-1h', '1.5h', '8 hours', '1w', '9999999d'])('refuses %j', (text) => {
    expect(parseLifetime(text)).toBeUndefined();
  });
});
