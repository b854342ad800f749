import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetFlagsHandler, GetTimelineHandler } from './timeline.queries';
import { TimelinesController } from './timelines.controller';

@Module({
  imports: [CqrsModule],
  controllers: [TimelinesController],
  providers: [GetTimelineHandler, GetFlagsHandler],
})
export class TimelinesModule {}
