import helmet from 'helmet';
import { DOCS_PATH } from '../openapi/openapi';
import { WORKBENCH_PAGES } from '../workbench/web-app';
import { pathOf, type HttpRequest, type HttpResponse, type NextFunction } from '../http/http-types';

/** A year: what browsers' preload lists ask for, and long enough that a downgrade window rarely opens. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 3_600;

export interface SecurityHeadersOptions {
  /** Strict-Transport-Security and upgrade-insecure-requests: only when every client comes over TLS. */
  readonly hsts: boolean;
}

type Middleware = (req: HttpRequest, res: HttpResponse, next: NextFunction) => void;

/**
 * helmet's headers, with two Content-Security-Policies: the API's answers are data (JSON, CSV and
 * the printable chronology, whose only markup is its own `<style>`), so they may load nothing and
 * run nothing; Swagger UI at /docs runs its scripts from this origin and styles itself inline.
 */
export function securityHeaders(options: SecurityHeadersOptions): Middleware {
  const common = helmet({
    contentSecurityPolicy: false,
    xFrameOptions: { action: 'deny' },
    // On plain HTTP the header is ignored at best; behind a TLS proxy it is the operator's promise.
    strictTransportSecurity: options.hsts ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false } : false,
  });
  const apiPolicy = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      styleSrc: ["'unsafe-inline'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  });
  const docsPolicy = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      // Over plain HTTP (embedded mode on a LAN) it would send the page's own assets to an https:// that does not answer.
      upgradeInsecureRequests: options.hsts ? [] : null,
    },
  });
  // The workbench's page: scripts and styles only from this origin, data only from this API.
  // Inline style *attributes* are allowed because vis-timeline positions its items with them; no inline script runs.
  const workbenchPolicy = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: options.hsts ? [] : null,
    },
  });
  const docs = `/${DOCS_PATH}`;
  return (req, res, next) => {
    common(req, res, (error?: unknown) => {
      if (error) return next(error);
      const path = pathOf(req.originalUrl ?? req.url);
      const policy = path === docs || path.startsWith(`${docs}/`) ? docsPolicy : WORKBENCH_PAGES.includes(path) ? workbenchPolicy : apiPolicy;
      policy(req, res, next);
    });
  };
}
