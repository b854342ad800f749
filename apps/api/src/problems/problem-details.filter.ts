import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { pathOf, type HttpRequest, type HttpResponse } from '../http/http-types';
import { classify, PROBLEM_CONTENT_TYPE } from './problem';
import { withholdSentValues } from './withhold-sent-values';

/** The app's only exception filter: every error leaves as `application/problem+json`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(@InjectPinoLogger(ProblemDetailsFilter.name) private readonly logger: PinoLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<HttpRequest>();
    const res = http.getResponse<HttpResponse>();
    const { problem, unexpected, headers } = classify(exception);
    if (unexpected) this.logger.error({ err: exception, code: problem.code }, 'Request failed unexpectedly');
    if (res.headersSent) return;

    const body = {
      ...withholdSentValues(problem, req.body),
      instance: pathOf(req.originalUrl ?? req.url),
      ...(typeof req.id === 'string' ? { correlationId: req.id } : {}),
    };
    res.statusCode = problem.status;
    res.setHeader('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value);
    res.end(JSON.stringify(body));
  }
}
