import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ImportsController } from '../imports/imports.controller';
import { EntriesController } from './entries.controller';
import { RecordEntryHandler, RegisterAgencyHandler } from './record-entry.handler';

@Module({
  imports: [CqrsModule],
  controllers: [EntriesController, ImportsController],
  providers: [RecordEntryHandler, RegisterAgencyHandler],
})
export class EntriesModule {}
