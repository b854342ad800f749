import { probe } from './probe';

describe(probe.name, () => {
  it('returns what the check returns', async () => {
    expect(await probe(async () => 42, 1_000)).toEqual({ ok: true, value: 42 });
  });

  it('reports a failing check as an error, keeping the cause for the logs', async () => {
    const cause = new Error('refused');

    expect(await probe(() => Promise.reject(cause), 1_000)).toEqual({ ok: false, problem: 'error', error: cause });
  });

  it('gives up on a check that outlives its deadline', async () => {
    const never = () => new Promise<never>(() => undefined);

    expect(await probe(never, 10)).toEqual({ ok: false, problem: 'timeout' });
  });
});
