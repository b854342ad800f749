import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../port/event-envelope';

let sequence = 0;

/** A test event with sensible defaults; ids are random so suites can share a store. */
export function anEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  sequence += 1;
  return {
    eventId: randomUUID(),
    type: 'TestEventHappened',
    schemaVersion: 1,
    data: { n: sequence },
    metadata: { correlationId: 'test' },
    occurredAt: new Date('2024-03-01T10:00:00.000Z'),
    recordedAt: new Date('2024-03-02T09:30:00.000Z'),
    ...overrides,
  };
}

export function events(count: number, overrides: Partial<NewEvent> = {}): NewEvent[] {
  return Array.from({ length: count }, () => anEvent(overrides));
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
}
