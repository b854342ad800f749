import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { CORRELATION_HEADER, correlationIdFrom } from './correlation-id';
import { pathOf, type HttpRequest, type HttpResponse } from './http-types';

/** Scraped every few seconds: their request lines would drown everything else at info. */
const PROBES = new Set(['/health', '/metrics']);

/**
 * The request logger, mounted before the body parser so that even a rejected body is logged with
 * its correlation id. The id is chosen here, echoed in the response header, and bound to
 * `req.log`, which nestjs-pino hands to every logger used while handling the request. Only the
 * method, path and status are logged: never bodies, queries or headers.
 */
export function httpLogging(logger: Logger): HttpLogger<HttpRequest, HttpResponse> {
  return pinoHttp<HttpRequest, HttpResponse>({
    logger,
    genReqId: (req, res) => {
      const id = correlationIdFrom(req.headers[CORRELATION_HEADER]);
      res.setHeader(CORRELATION_HEADER, id);
      return id;
    },
    customAttributeKeys: { reqId: 'correlationId' },
    quietReqLogger: true,
    wrapSerializers: false,
    serializers: {
      req: (req: HttpRequest) => ({ method: req.method, path: pathOf(req.originalUrl ?? req.url) }),
      res: (res: HttpResponse) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (req, res, error) => {
      if (error || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      return PROBES.has(pathOf(req.originalUrl ?? req.url)) ? 'debug' : 'info';
    },
    // The exception filter logs the real error of a 5xx with its stack; pino-http would add a
    // made-up "failed with status code" error to the completion line.
    customErrorObject: (_req, res, error, fields: Record<string, unknown>) =>
      error.message === `failed with status code ${res.statusCode}` ? { ...fields, err: undefined } : fields,
    customSuccessMessage: (req, res, ms) => `${req.method} ${pathOf(req.originalUrl ?? req.url)} ${res.statusCode} in ${ms} ms`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req.originalUrl ?? req.url)} failed with ${res.statusCode}`,
  });
}
