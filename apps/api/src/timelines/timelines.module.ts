import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetFlagsHandler, GetTimelineHandler } from './timeline.queries';
import { TimelinesController } from './timelines.controller';

@Module({
  imports: [CqrsModule],
  controllers: [TimelinesController],
  // TimelineCache comes from the global AccessModule: one cache for the timelines and the access checks.
  providers: [GetTimelineHandler, GetFlagsHandler],
})
export class TimelinesModule {}
