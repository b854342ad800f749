import type { EntryKind, Writer } from '@casetrail/recording';

export class RecordEntryCommand {
  constructor(
    readonly kind: EntryKind,
    readonly body: unknown,
    readonly writer: Writer,
  ) {}
}

export class RegisterAgencyCommand {
  constructor(
    readonly body: unknown,
    readonly metadata: Writer['metadata'],
  ) {}
}
