import { Random } from '@casetrail/synthetic';

describe(Random.name, () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draws = (...seed: number[]) => {
      const sut = new Random(...seed);
      return Array.from({ length: 5 }, () => sut.next());
    };
    expect(draws(1, 2)).toEqual(draws(1, 2));
    expect(draws(1, 2)).not.toEqual(draws(1, 3));
    expect(draws(1)).not.toEqual(draws(2 ** 32 + 1));
  });

  it('keeps draws in range', () => {
    const sut = new Random(42);
    for (let i = 0; i < 10_000; i++) {
      const x = sut.next();
      expect(x >= 0 && x < 1).toBe(true);
      const n = sut.int(3, 5);
      expect(n >= 3 && n <= 5).toBe(true);
    }
  });

  it('picks by weight', () => {
    const sut = new Random(7);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++) counts[sut.weighted([['a', 9], ['b', 1]] as const)] += 1;
    expect(counts.a / 10_000).toBeGreaterThan(0.85);
    expect(counts.b).toBeGreaterThan(0);
  });
});
