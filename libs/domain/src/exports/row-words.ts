import type { ChronologyRowFinding, ChronologyRowFlag, IntegratedChronologyRow } from './chronology-row';
import { idWords } from './words';

/** How the list cells read, the same in every format. */

export function flagWords(flag: ChronologyRowFlag): string {
  return `${flag.rule}${flag.severity === 'high' ? ' (high)' : ''}: ${flag.explanation}`;
}

export function findingWords(finding: ChronologyRowFinding): string {
  return `${finding.findingId} (${idWords(finding.theme)}): ${finding.text}`;
}

export function knownWithSummary(row: IntegratedChronologyRow): string {
  return row.summary === undefined ? row.known : `${row.known}\nAgency's note: ${row.summary}`;
}
