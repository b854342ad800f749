import type { HttpRequest, HttpResponse, NextFunction } from '../http/http-types';

/** A request refused before any handler ran (its body could not be read). */
export class RequestRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RequestRejected';
  }
}

/** body-parser's error types, by what the caller did wrong. */
const REJECTIONS: Readonly<Record<string, [code: string, detail: string]>> = {
  'entity.parse.failed': ['REQUEST.MALFORMED_JSON', 'The request body is not valid JSON.'],
  'entity.too.large': ['REQUEST.BODY_TOO_LARGE', 'The request body is larger than this server accepts.'],
  'parameters.too.many': ['REQUEST.BODY_TOO_LARGE', 'The request body has too many parameters.'],
  'encoding.unsupported': ['REQUEST.UNSUPPORTED_ENCODING', 'The request body uses a content encoding this server does not accept.'],
  'charset.unsupported': ['REQUEST.UNSUPPORTED_ENCODING', 'The request body uses a character set this server does not accept.'],
  'request.aborted': ['REQUEST.INVALID_BODY', 'The request body ended early.'],
  'request.size.invalid': ['REQUEST.INVALID_BODY', 'The request body does not match its Content-Length.'],
};

/**
 * Express error middleware placed right after the body parser. Nest would turn a parse failure
 * into an anonymous 400 and a too-large body into a bare HttpException; naming them here gives
 * the exception filter stable codes. The parser's own message quotes the body, so it is dropped.
 */
export function translateBodyParserErrors(error: unknown, _req: HttpRequest, _res: HttpResponse, next: NextFunction): void {
  const type = (error as { type?: unknown } | null)?.type;
  const rejection = typeof type === 'string' ? REJECTIONS[type] : undefined;
  next(rejection ? new RequestRejected(...rejection) : error);
}

/**
 * Far longer than any URL this API builds (ids are at most 100 characters, filters a few dozen),
 * as short as common proxies allow. Node caps the request line and headers together at 16 KiB
 * (`--max-http-header-size`) and answers 431 past that, before any of this code runs.
 */
export const MAX_URL_LENGTH = 8 * 1024;

/** Refuses an over-long URL before its query string is parsed or anything else is read. */
export function refuseLongUrls(req: HttpRequest, _res: HttpResponse, next: NextFunction): void {
  if ((req.url ?? '').length <= MAX_URL_LENGTH) return next();
  next(new RequestRejected('REQUEST.URL_TOO_LONG', `The request URL is longer than the ${MAX_URL_LENGTH} characters this server accepts.`));
}
