import type { EntryFacts } from '../events/common';
import { errors } from './domain-error';

/** Checks every agency entry passes, whatever its stream. */
export function checkEntryFacts(facts: EntryFacts, now: string): void {
  const at = Date.parse(facts.occurred.at);
  if (at > Date.parse(now)) throw errors.occurredInFuture(facts.occurred.at, now);
  // A coarse date stands for its whole period, so only a day-precise date can be contradicted.
  if (facts.occurred.precision === 'day' && Date.parse(facts.recordedAt) < startOfDay(at)) {
    throw errors.recordedBeforeOccurred(facts.recordedAt, facts.occurred.at);
  }
}

function startOfDay(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/**
 * Deep equality of JSON data: how a retry is told from a re-used id. `recordedAt` is left out:
 * when a request does not carry it, it is the time the request arrived, which a retry cannot
 * repeat; the fact itself is what must match.
 */
export function sameContent(a: unknown, b: unknown): boolean {
  return canonical(withoutRecordedAt(a)) === canonical(withoutRecordedAt(b));
}

function withoutRecordedAt(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const { recordedAt: _ignored, ...rest } = value as Record<string, unknown>;
  return rest;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
