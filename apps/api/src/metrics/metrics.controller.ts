import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import type { HttpResponse } from '../http/http-types';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition: process, HTTP and projection metrics.', schema: { type: 'string' } })
  async scrape(@Res({ passthrough: true }) res: HttpResponse): Promise<string> {
    const { contentType, body } = await this.metrics.render();
    res.setHeader('content-type', contentType);
    return body;
  }
}
