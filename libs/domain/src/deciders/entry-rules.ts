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

/** Deep equality of JSON data: how a retry is told from a re-used id. */
export function sameContent(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
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
