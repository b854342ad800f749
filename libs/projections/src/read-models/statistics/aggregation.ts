/**
 * Pure parts of leadership statistics: small-number suppression and quantiles. No I/O, so every
 * rule about what a leader may see is tested without a database.
 */

/** A count as published: null when suppressed (a count from 1 to `below - 1`). */
export interface Published {
  readonly count: number | null;
  readonly suppressed?: true;
}

/**
 * Primary small-number suppression, as statistical disclosure control does it: counts from 1 to
 * `below - 1` are withheld, because in one area's figures they can point at a family. Zero is
 * published (it discloses nothing about anyone); `below` 0 or 1 turns suppression off. Totals are
 * published as they are, so a suppressed cell can sometimes be worked out from its total and its
 * siblings: secondary suppression is not done (see the statistics controller's documentation).
 */
export function publish(count: number, below: number): Published {
  return count > 0 && count < below ? { count: null, suppressed: true } : { count };
}

/** Days with how many observations took that long. */
export type Histogram = ReadonlyMap<number, number>;

/**
 * Nearest-rank quantile: the smallest value with at least `q` of the observations at or below it
 * (so the median of 1, 2, 3, 4 is 2). Whole days in, whole days out; null when there is nothing.
 */
export function quantile(histogram: Histogram, q: number): number | null {
  if (q <= 0 || q > 1) throw new RangeError('q must lie in (0, 1]');
  const values = [...histogram.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const total = values.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (const [value, n] of values) {
    seen += n;
    if (seen >= rank) return value;
  }
  return values[values.length - 1][0];
}

export function addTo(histogram: Map<number, number>, value: number, n: number): void {
  histogram.set(value, (histogram.get(value) ?? 0) + n);
}

/** A share rounded for publication, or null when either part is withheld or there is nothing to divide. */
export function rate(part: Published, whole: Published, digits = 3): number | null {
  if (part.count === null || whole.count === null || whole.count === 0) return null;
  const scale = 10 ** digits;
  return Math.round((part.count / whole.count) * scale) / scale;
}
