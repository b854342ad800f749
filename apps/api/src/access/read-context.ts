import { checkPurpose, type Principal } from '@casetrail/access';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from '../http/http-types';

export const PURPOSE_HEADER = 'x-purpose';

/** Who reads, under which correlation id, and for what purpose they said (a `purpose` query parameter or `X-Purpose`). */
export interface ReadContext {
  readonly principal: Principal;
  readonly correlationId: string;
  readonly purpose?: string;
}

export const CurrentRead = createParamDecorator((_data: unknown, context: ExecutionContext): ReadContext => {
  const req = context.switchToHttp().getRequest<HttpRequest & { id?: unknown; query?: Record<string, unknown> }>();
  if (req.principal === undefined) throw new Error('@CurrentRead() used on a public route');
  const header = req.headers[PURPOSE_HEADER];
  const fromQuery = req.query?.purpose;
  const purpose = checkPurpose(fromQuery ?? (Array.isArray(header) ? header[0] : header), fromQuery !== undefined ? 'purpose' : PURPOSE_HEADER);
  return { principal: req.principal, correlationId: String(req.id ?? ''), ...(purpose !== undefined && { purpose }) };
});
