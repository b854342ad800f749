import type { CasetrailConfig } from '@casetrail/config';
import { formatPosition } from '@casetrail/event-store';
import { reportProjections, type Platform } from '@casetrail/platform';
import { Inject, Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, PLATFORM } from '../tokens';
import type { DependencyHealth, HealthReport, ProjectionHealth, StoreHealth } from './health.dto';
import { probe, type ProbeResult } from './probe';

/** Long enough to wait out a projection batch holding the embedded database's one connection. */
const PROBE_TIMEOUT_MS = 3_000;

@Injectable()
export class HealthService {
  constructor(
    @Inject(PLATFORM) private readonly platform: Platform,
    @Inject(APP_CONFIG) private readonly config: CasetrailConfig,
    @InjectPinoLogger(HealthService.name) private readonly logger: PinoLogger,
  ) {}

  async check(): Promise<HealthReport> {
    const [head, readModels] = await Promise.all([
      probe(() => this.platform.store.headPosition(), PROBE_TIMEOUT_MS),
      probe(() => this.platform.readModels.query('select 1'), PROBE_TIMEOUT_MS),
    ]);
    const store: StoreHealth = { ...this.dependency('store', head), head: head.ok && head.value ? formatPosition(head.value) : null };
    const reachable = store.reachable && readModels.ok;
    const projections = reachable ? await this.projections() : [];
    return {
      status: reachable ? 'ok' : 'degraded',
      mode: this.config.store.kind,
      store,
      readModels: this.dependency('readModels', readModels),
      projections,
    };
  }

  private async projections(): Promise<ProjectionHealth[]> {
    const reports = await probe(() => reportProjections(this.platform), PROBE_TIMEOUT_MS);
    if (!reports.ok) {
      this.logger.warn({ err: reports.error, problem: reports.problem }, 'Projection status unavailable');
      return [];
    }
    return reports.value.map((report) => ({
      name: report.name,
      checkpoint: formatPosition(report.checkpoint),
      lagSeconds: report.lagSeconds,
      runningHere: report.runningHere,
      ...(report.pendingRefresh && { pendingRefresh: { children: report.pendingRefresh.children, lagSeconds: report.pendingRefresh.lagSeconds } }),
    }));
  }

  private dependency(name: string, result: ProbeResult<unknown>): DependencyHealth {
    if (result.ok) return { reachable: true };
    this.logger.warn({ dependency: name, problem: result.problem, err: result.error }, 'Health check failed');
    return { reachable: false, problem: result.problem };
  }
}
