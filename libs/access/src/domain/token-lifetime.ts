const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;

/**
 * How long a token lives, written as `90s`, `15m`, `8h` or `7d`, in seconds; `undefined` for
 * anything else. Parsed here rather than by the JWT library so that expiry is computed from the
 * same (injectable) clock as the issue time.
 */
export function parseLifetime(text: string): number | undefined {
  const match = /^(\d{1,6})\s*([smhd])$/.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  return seconds > 0 ? seconds : undefined;
}
