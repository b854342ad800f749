import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { StatisticsController } from './statistics.controller';
import { GetStatisticsHandler } from './statistics.queries';

@Module({
  imports: [CqrsModule],
  controllers: [StatisticsController],
  providers: [GetStatisticsHandler],
})
export class StatisticsModule {}
