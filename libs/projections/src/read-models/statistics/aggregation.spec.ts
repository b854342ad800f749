import { publish, quantile, rate } from './aggregation';

const histogram = (...values: number[]) => {
  const map = new Map<number, number>();
  for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
  return map;
};

describe(publish.name, () => {
  it.each([
    [0, 5, { count: 0 }],
    [1, 5, { count: null, suppressed: true }],
    [4, 5, { count: null, suppressed: true }],
    [5, 5, { count: 5 }],
    [1, 0, { count: 1 }],
    [1, 1, { count: 1 }],
    [3, 2, { count: 3 }],
  ])('publishes %i with suppressBelow %i as %j', (count, below, expected) => {
    expect(publish(count, below)).toEqual(expected);
  });
});

describe(quantile.name, () => {
  it.each([
    [[5], 0.5, 5],
    [[1, 2, 3, 4], 0.5, 2],
    [[1, 2, 3, 4, 5], 0.5, 3],
    [[0, 0, 0, 1, 9], 0.5, 0],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9, 10],
    [[3, 1, 2], 1, 3],
  ])('of %j at %f is %i (nearest rank)', (values, q, expected) => {
    expect(quantile(histogram(...values), q)).toBe(expected);
  });

  it('counts repeated values by their weight', () => {
    expect(quantile(new Map([[0, 8], [30, 2]]), 0.9)).toBe(30);
    expect(quantile(new Map([[0, 9], [30, 1]]), 0.9)).toBe(0);
  });

  it('is null for no observations, and refuses a q outside (0, 1]', () => {
    expect(quantile(new Map(), 0.5)).toBeNull();
    expect(quantile(new Map([[1, 0]]), 0.5)).toBeNull();
    expect(() => quantile(histogram(1), 0)).toThrow(RangeError);
    expect(() => quantile(histogram(1), 1.5)).toThrow(RangeError);
  });
});

describe(rate.name, () => {
  it('divides published counts, rounded to three places', () => {
    expect(rate({ count: 1 }, { count: 3 })).toBe(0.333);
    expect(rate({ count: 0 }, { count: 7 })).toBe(0);
  });

  it('is null when either part is withheld or the whole is zero', () => {
    expect(rate({ count: null, suppressed: true }, { count: 40 })).toBeNull();
    expect(rate({ count: 6 }, { count: null, suppressed: true })).toBeNull();
    expect(rate({ count: 0 }, { count: 0 })).toBeNull();
  });
});
