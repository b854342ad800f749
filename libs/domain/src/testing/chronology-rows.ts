import type { IntegratedChronologyRow } from '../exports/chronology-row';

/** A row as integratedChronologyRows gives it, for the format specs. */
export function aRow(overrides: Partial<IntegratedChronologyRow> = {}): IntegratedChronologyRow {
  return {
    child: 'child-1',
    eventId: 'evt-1',
    occurredAt: '2024-05-03T09:00:00.000Z',
    date: '2024-05-03',
    agency: 'police-a',
    agencyKind: 'police',
    entryId: 'P-1',
    entryType: 'Concern',
    known: 'Concern: domestic abuse (high)',
    sharedWith: [],
    flags: [],
    findings: [],
    corrections: [],
    ...overrides,
  };
}
