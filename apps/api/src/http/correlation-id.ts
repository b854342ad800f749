import { randomUUID } from 'node:crypto';

export const CORRELATION_HEADER = 'x-correlation-id';

/** Long enough for any id scheme, short and plain enough that a caller cannot forge log lines. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's correlation id when it is a sane one, else a new one. */
export function correlationIdFrom(header: string | string[] | undefined, generate: () => string = randomUUID): string {
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate !== undefined && ACCEPTABLE.test(candidate) ? candidate : generate();
}
