import { percentile, perSecond, runWriters } from './measure';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose

  it('picks the value at the ceiling rank of the sorted values', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
  });

  it('sorts numerically, not as strings', () => {
    expect(percentile([10, 9, 100, 2], 50)).toBe(9);
    expect(percentile([10, 9, 100, 2], 99)).toBe(100);
  });

  it('handles one value, no values and bad ranks', () => {
    expect(percentile([4.2], 99)).toBe(4.2);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('perSecond', () => {
  it('turns units per elapsed milliseconds into a rate', () => {
    expect(perSecond(5000, 2000)).toBe(2500);
    expect(perSecond(1, 0)).toBeNaN();
  });
});

describe('runWriters', () => {
  it('stops at maxCalls across all writers and records one latency per call', async () => {
    const seen: number[] = [];
    const run = await runWriters({
      writers: 3,
      maxCalls: 10,
      maxMs: 10_000,
      eventsPerCall: 100,
      call: async (w) => {
        seen.push(w);
        await Promise.resolve();
      },
    });
    expect(run.calls).toBe(10);
    expect(run.events).toBe(1000);
    expect(run.latenciesMs).toHaveLength(10);
    expect(new Set(seen)).toEqual(new Set([0, 1, 2]));
  });

  it('propagates a failing call and stops the other writers', async () => {
    let calls = 0;
    await expect(
      runWriters({
        writers: 2,
        maxCalls: 1000,
        maxMs: 10_000,
        eventsPerCall: 1,
        call: async () => {
          const call = ++calls;
          await Promise.resolve();
          if (call === 3) throw new Error('boom');
        },
      }),
    ).rejects.toThrow('boom');
    expect(calls).toBeLessThan(10);
  });
});
