import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EntriesController } from './entries.controller';
import { RecordEntryHandler, RegisterAgencyHandler } from './record-entry.handler';

@Module({
  imports: [CqrsModule],
  controllers: [EntriesController],
  providers: [RecordEntryHandler, RegisterAgencyHandler],
})
export class EntriesModule {}
