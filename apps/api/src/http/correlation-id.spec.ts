import { correlationIdFrom } from './correlation-id';

describe(correlationIdFrom.name, () => {
  const generate = () => 'generated';

  it.each([
    ['a UUID', '3f1c2b1e-6a8d-4c1e-9b7a-2f0e5d4c3b2a'],
    ['a trace-style id', 'req:42.a_b-C'],
  ])('keeps %s sent by the caller', (_what, header) => {
    expect(correlationIdFrom(header, generate)).toBe(header);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a header with spaces or line breaks', 'x\n{"level":"fatal"}'],
    ['a header longer than 128 characters', 'a'.repeat(129)],
  ])('generates one for %s', (_what, header) => {
    expect(correlationIdFrom(header, generate)).toBe('generated');
  });

  it('takes the first of repeated headers', () => {
    expect(correlationIdFrom(['first', 'second'], generate)).toBe('first');
  });
});
