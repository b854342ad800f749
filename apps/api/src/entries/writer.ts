/** The little of Express's response these handlers use (express ships no types here). */
export interface StatusResponse {
  status(code: number): unknown;
  getHeader(name: string): number | string | string[] | undefined;
}

/** The correlation id the HTTP layer assigned and echoed in the response header. */
export function correlationIdOf(res: StatusResponse): string | undefined {
  const value = res.getHeader('x-correlation-id');
  return typeof value === 'string' ? value : undefined;
}
