import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TimelineCache } from './timeline-cache';
import { GetFlagsHandler, GetTimelineHandler } from './timeline.queries';
import { TimelinesController } from './timelines.controller';

@Module({
  imports: [CqrsModule],
  controllers: [TimelinesController],
  providers: [TimelineCache, GetTimelineHandler, GetFlagsHandler],
})
export class TimelinesModule {}
