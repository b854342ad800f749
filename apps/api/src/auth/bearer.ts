/** RFC 6750's b64token, after the scheme and one or more spaces; the scheme is case-insensitive. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The token of an `Authorization: Bearer ...` header; `undefined` when there is none (or another scheme). */
export function bearerTokenFrom(header: string | string[] | undefined): string | undefined {
  // Node joins repeated Authorization headers into one string, so an array is never legitimate.
  if (typeof header !== 'string') return undefined;
  return BEARER.exec(header)?.[1];
}
