import { formatPosition } from '@casetrail/event-store';
import { reportProjections, type Platform } from '@casetrail/platform';
import { Inject, Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { type HttpRequest, type HttpResponse, type NextFunction } from '../http/http-types';
import { PLATFORM } from '../tokens';

/**
 * The app's Prometheus registry. Its own registry rather than prom-client's global one, so two
 * apps in one process (tests) never clash over metric names.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly lag = new Gauge({
    name: 'casetrail_projection_lag_seconds',
    help: 'Seconds since the oldest event a projection has not applied yet was appended; 0 when caught up.',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  private readonly checkpoint = new Gauge({
    name: 'casetrail_projection_checkpoint_info',
    help: 'Always 1; the checkpoint label is the last log position a projection applied (<commit>/<prepare>).',
    labelNames: ['projection', 'checkpoint'] as const,
    registers: [this.registry],
  });

  private readonly running = new Gauge({
    name: 'casetrail_projection_running',
    help: '1 when this process runs the projection.',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  constructor(
    @Inject(PLATFORM) private readonly platform: Platform,
    @InjectPinoLogger(MetricsService.name) private readonly logger: PinoLogger,
  ) {
    collectDefaultMetrics({ register: this.registry });
  }

  /**
   * Express middleware timing every request, mounted first so rejected bodies and unknown routes
   * count too. The route label is the matched template (`/cases/:id`), never the raw path, to
   * keep the label set small.
   */
  httpMiddleware(): (req: HttpRequest, res: HttpResponse, next: NextFunction) => void {
    return (req, res, next) => {
      const stop = this.durations.startTimer();
      res.once('finish', () => {
        const labels = { method: req.method ?? 'UNKNOWN', route: routeOf(req), status: String(res.statusCode) };
        stop(labels);
        this.requests.inc(labels);
      });
      next();
    };
  }

  async render(): Promise<{ contentType: string; body: string }> {
    await this.refreshProjections();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Computed per scrape: checkpoints may be moved by another process (the projector). */
  private async refreshProjections(): Promise<void> {
    this.lag.reset();
    this.checkpoint.reset();
    this.running.reset();
    try {
      for (const report of await reportProjections(this.platform)) {
        this.lag.set({ projection: report.name }, report.lagSeconds);
        this.checkpoint.set({ projection: report.name, checkpoint: formatPosition(report.checkpoint) }, 1);
        this.running.set({ projection: report.name }, report.runningHere ? 1 : 0);
      }
    } catch (error) {
      // A scrape still serves the process and HTTP metrics; missing projection series say the rest.
      this.logger.warn({ err: error }, 'Projection metrics unavailable');
    }
  }
}

/** Nest answers unknown paths from a catch-all route; those, like requests refused before routing, are `unmatched`. */
function routeOf(req: HttpRequest): string {
  const template = req.route?.path;
  if (typeof template !== 'string' || template.startsWith('/{*')) return 'unmatched';
  return `${req.baseUrl ?? ''}${template}`;
}
