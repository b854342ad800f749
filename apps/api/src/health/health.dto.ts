import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DependencyHealth {
  @ApiProperty()
  reachable!: boolean;

  @ApiPropertyOptional({ enum: ['timeout', 'error'], description: 'Why it is not reachable (details are in the logs).' })
  problem?: 'timeout' | 'error';
}

export class StoreHealth extends DependencyHealth {
  @ApiProperty({ nullable: true, type: String, description: 'Position of the last event readers can see, `<commit>/<prepare>`.', example: '742/1031' })
  head!: string | null;
}

export class ProjectionHealth {
  @ApiProperty({ example: 'stream-catalogue' })
  name!: string;

  @ApiProperty({ description: 'Last applied log position, `<commit>/<prepare>`; `-1/-1` before the first event.', example: '742/1031' })
  checkpoint!: string;

  @ApiProperty({ description: 'Seconds since the oldest event not yet applied was appended; 0 when caught up.' })
  lagSeconds!: number;

  @ApiProperty({ description: 'Whether this process runs the projection (in server mode the projector is usually another process).' })
  runningHere!: boolean;

  @ApiPropertyOptional({
    description: 'For `flags`: children marked and not yet re-evaluated by the flags refresher, and seconds the longest has waited.',
    example: { children: 0, lagSeconds: 0 },
  })
  pendingRefresh?: { children: number; lagSeconds: number };
}

export class HealthReport {
  @ApiProperty({ enum: ['ok', 'degraded'] })
  status!: 'ok' | 'degraded';

  @ApiProperty({ enum: ['embedded', 'postgres', 'eventstoredb'], description: 'Where the event log lives.' })
  mode!: string;

  @ApiProperty({ type: StoreHealth })
  store!: StoreHealth;

  @ApiProperty({ type: DependencyHealth })
  readModels!: DependencyHealth;

  @ApiProperty({ type: [ProjectionHealth] })
  projections!: ProjectionHealth[];
}
