import { EVENT_STORE, type EventStore } from '@casetrail/event-store';
import { RecordingService, registerAgency, type Execution } from '@casetrail/recording';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RecordEntryCommand, RegisterAgencyCommand } from './record-entry.command';

@CommandHandler(RecordEntryCommand)
export class RecordEntryHandler implements ICommandHandler<RecordEntryCommand, Execution<unknown>> {
  private readonly service: RecordingService;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.service = new RecordingService(store);
  }

  execute(command: RecordEntryCommand): Promise<Execution<unknown>> {
    return this.service.record(command.kind, command.body, command.writer);
  }
}

@CommandHandler(RegisterAgencyCommand)
export class RegisterAgencyHandler implements ICommandHandler<RegisterAgencyCommand, Execution<unknown>> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(command: RegisterAgencyCommand): Promise<Execution<unknown>> {
    return registerAgency(this.store, command.body, command.metadata);
  }
}
