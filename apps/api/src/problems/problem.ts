import { TOKEN_REJECTION_CODES } from '@casetrail/access';
import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { ZodError } from 'zod';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** RFC 9457 problem details, plus the stable `code` clients switch on. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly instance?: string;
  readonly correlationId?: string;
  readonly errors?: readonly FieldError[];
}

export interface Classified {
  readonly problem: ProblemDetails;
  /** Not an expected refusal but a fault: log it, and say nothing about it to the caller. */
  readonly unexpected: boolean;
  /** Response headers the status calls for. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Codes whose status is fixed; anything else with a code is a fault unless a suffix rule applies. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  'EVENT_STORE.STREAM_VERSION_CONFLICT': HttpStatus.CONFLICT,
  'EVENT_STORE.DUPLICATE_EVENT_CONFLICT': HttpStatus.CONFLICT,
  'EVENT_STORE.INVALID_APPEND': HttpStatus.BAD_REQUEST,
  'EVENT_STORE.UNAVAILABLE': HttpStatus.SERVICE_UNAVAILABLE,
  'AUDIT.UNAVAILABLE': HttpStatus.SERVICE_UNAVAILABLE,
  'REQUEST.MALFORMED_JSON': HttpStatus.BAD_REQUEST,
  'REQUEST.INVALID_BODY': HttpStatus.BAD_REQUEST,
  'REQUEST.BODY_TOO_LARGE': HttpStatus.PAYLOAD_TOO_LARGE,
  'REQUEST.UNSUPPORTED_ENCODING': HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  'REQUEST.VALIDATION_FAILED': HttpStatus.BAD_REQUEST,
  'REQUEST.URL_TOO_LONG': HttpStatus.URI_TOO_LONG,
  'RATE_LIMIT.EXCEEDED': HttpStatus.TOO_MANY_REQUESTS,
  ...Object.fromEntries(TOKEN_REJECTION_CODES.map((code) => [code, HttpStatus.UNAUTHORIZED])),
  'AUTH.ROLE_NOT_ALLOWED': HttpStatus.FORBIDDEN,
};

/** Whatever the fault, the caller learns only this. */
const UNEXPECTED_DETAIL = 'Something went wrong on our side. Quote the correlation id if you report it.';

/** Domain codes say their kind in their suffix (see DomainError in @casetrail/domain). */
const STATUS_BY_SUFFIX: readonly [RegExp, number][] = [
  [/\.NOT_FOUND$/, HttpStatus.NOT_FOUND],
  [/\.INVALID$/, HttpStatus.BAD_REQUEST],
  [/\.FORBIDDEN$/, HttpStatus.FORBIDDEN],
  [/\.(CONFLICT|ALREADY_[A-Z_]+)$/, HttpStatus.CONFLICT],
];

function statusForCode(code: string): number | undefined {
  return STATUS_BY_CODE[code] ?? STATUS_BY_SUFFIX.find(([pattern]) => pattern.test(code))?.[1];
}

function problem(status: number, code: string, detail: string, errors?: readonly FieldError[]): ProblemDetails {
  return {
    type: `urn:casetrail:problem:${code.toLowerCase()}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.length > 0 ? code : undefined;
}

/**
 * The one mapping from what was thrown to what the caller sees. Business code throws errors with
 * stable codes and never an HttpException; statuses are decided here. 5xx answers never carry the
 * error's own message, which may hold internals.
 */
export function classify(error: unknown): Classified {
  const classified = classifyError(error);
  return classified.problem.status === HttpStatus.UNAUTHORIZED ? { ...classified, headers: { 'www-authenticate': bearerChallenge(classified.problem.code) } } : classified;
}

/**
 * RFC 6750: a 401 names the scheme to use; a request that sent no token gets no error code,
 * one whose token failed gets `invalid_token`, so clients know to fetch a new one.
 */
function bearerChallenge(code: string): string {
  return code === 'AUTH.TOKEN_MISSING' ? 'Bearer realm="casetrail"' : 'Bearer realm="casetrail", error="invalid_token"';
}

function classifyError(error: unknown): Classified {
  if (error instanceof HttpException) return fromHttpException(error);
  if (error instanceof ZodError) {
    const errors = error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(body)', message: issue.message }));
    return { problem: problem(HttpStatus.BAD_REQUEST, 'REQUEST.VALIDATION_FAILED', 'The request is not valid.', errors), unexpected: false };
  }
  const code = codeOf(error);
  const status = code ? statusForCode(code) : undefined;
  if (code && status !== undefined) {
    const detail = status >= 500 ? 'A service this request needs is unavailable; try again shortly.' : (error as Error).message;
    const field = (error as { field?: unknown }).field;
    const errors = status < 500 && typeof field === 'string' ? [{ field, message: detail }] : undefined;
    return { problem: problem(status, code, detail, errors), unexpected: status >= 500 };
  }
  return { problem: problem(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL.UNEXPECTED', UNEXPECTED_DETAIL), unexpected: true };
}

function fromHttpException(error: HttpException): Classified {
  const status = error.getStatus();
  const code = codeOf(error) ?? `HTTP.${HttpStatus[status] ?? status}`;
  if (status >= 500) return { problem: problem(status, code, UNEXPECTED_DETAIL), unexpected: true };
  const body = error.getResponse();
  if (typeof body === 'string') return { problem: problem(status, code, body), unexpected: false };
  const { message, errors } = body as { message?: unknown; errors?: unknown };
  const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message;
  return { problem: problem(status, code, detail, isFieldErrors(errors) ? errors : undefined), unexpected: false };
}

function isFieldErrors(value: unknown): value is FieldError[] {
  return Array.isArray(value) && value.every((e) => typeof e?.field === 'string' && typeof e?.message === 'string');
}
