export type ProbeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: 'timeout' | 'error'; readonly error?: unknown };

/**
 * Runs a check with a deadline. A health check that hangs with its dependency is worse than one
 * that says "down": orchestrators give up on it and cannot tell why.
 */
export async function probe<T>(check: () => Promise<T>, timeoutMs: number): Promise<ProbeResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<ProbeResult<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, problem: 'timeout' }), timeoutMs);
    timer.unref();
  });
  const attempt = check().then(
    (value): ProbeResult<T> => ({ ok: true, value }),
    (error: unknown): ProbeResult<T> => ({ ok: false, problem: 'error', error }),
  );
  try {
    return await Promise.race([attempt, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
