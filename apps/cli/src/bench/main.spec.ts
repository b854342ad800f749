import { checkBenchDatabase, parseArgs, sizesFor } from './main';

describe('bench arguments', () => {
  it('defaults to scale 1, takes --quick, --scale, BENCH_SCALE and --only', () => {
    expect(parseArgs([])).toEqual({ scale: 1, only: undefined, help: false });
    expect(parseArgs(['--quick']).scale).toBe(0.1);
    expect(parseArgs(['--scale', '0.5']).scale).toBe(0.5);
    expect(parseArgs([], { BENCH_SCALE: '0.2' }).scale).toBe(0.2);
    expect(parseArgs(['--only', 'pglite']).only).toBe('pglite');
    expect(parseArgs(['--phase', 'import'])).toMatchObject({ phase: 'import', only: 'pg' });
  });

  it('rejects what it does not understand', () => {
    expect(() => parseArgs(['--fast'])).toThrow(/Unknown argument --fast/);
    expect(() => parseArgs(['--only', 'mysql'])).toThrow(/pg or pglite/);
    expect(() => parseArgs(['--scale', 'abc'])).toThrow(/positive/);
    expect(() => parseArgs(['--phase', 'everything'])).toThrow(/store, import, http/);
  });

  it('scales sizes and keeps floors for tiny scales', () => {
    expect(sizesFor(1).single).toEqual({ maxCalls: 20_000, maxMs: 5_000 });
    expect(sizesFor(1).batch.maxCalls).toBe(200);
    expect(sizesFor(0.001).single).toEqual({ maxCalls: 50, maxMs: 300 });
  });
});

describe('checkBenchDatabase', () => {
  it('accepts databases named for benchmarks or tests', () => {
    expect(checkBenchDatabase('postgres://u@h:5432/casetrail_test')).toContain('casetrail_test');
    expect(checkBenchDatabase('postgres://u@h/bench')).toContain('bench');
  });

  it('refuses any other database', () => {
    expect(() => checkBenchDatabase('postgres://u@h:5432/casetrail')).toThrow(/Refusing to benchmark database "casetrail"/);
    expect(() => checkBenchDatabase('postgres://u@h:5432/')).toThrow(/Refusing/);
  });
});

describe('StreamCursor', () => {
  it('fills a stream, then moves on, with the expected revision of each append', async () => {
    const { StreamCursor } = await import('./workload');
    const cursor = new StreamCursor('w0', 3);
    expect([cursor.take(1), cursor.take(2), cursor.take(1)]).toEqual([
      { streamId: 'w0-s0', expected: 'no_stream', firstRevision: 0n },
      { streamId: 'w0-s0', expected: 0n, firstRevision: 1n },
      { streamId: 'w0-s1', expected: 'no_stream', firstRevision: 0n },
    ]);
  });
});
