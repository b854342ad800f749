import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/auth.decorators';
import type { HttpResponse } from '../http/http-types';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Public()
// Probes and scrapers poll on a schedule; limiting them would only blind the operator.
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text exposition: process, HTTP and projection metrics.',
    schema: {
      type: 'string',
      example:
        '# HELP casetrail_projection_lag_seconds Seconds since the oldest event a projection has not applied yet was appended; 0 when caught up.\n' +
        '# TYPE casetrail_projection_lag_seconds gauge\ncasetrail_projection_lag_seconds{projection="timeline"} 0\n',
    },
  })
  async scrape(@Res({ passthrough: true }) res: HttpResponse): Promise<string> {
    const { contentType, body } = await this.metrics.render();
    res.setHeader('content-type', contentType);
    return body;
  }
}
