import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/auth.decorators';
import type { HttpResponse } from '../http/http-types';
import { HealthReport } from './health.dto';
import { HealthService } from './health.service';

@ApiTags('operations')
@Public()
// Probes and scrapers poll on a schedule; limiting them would only blind the operator.
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOkResponse({ type: HealthReport, description: 'The store and the read models answer; projections with their checkpoint and lag.' })
  @ApiServiceUnavailableResponse({ type: HealthReport, description: 'The store or the read models cannot be reached.' })
  async check(@Res({ passthrough: true }) res: HttpResponse): Promise<HealthReport> {
    const report = await this.health.check();
    if (report.status !== 'ok') res.statusCode = HttpStatus.SERVICE_UNAVAILABLE;
    return report;
  }
}
