import { type ChronologyRow, parseChronologyCsv } from '@casetrail/chronology';
import { Readable } from 'node:stream';
import { SYNTHETIC_AGENCIES } from '../agencies';
import { dayOf } from '../calendar';
import type { SyntheticCase } from '../synthetic-case';
import { detectFlags, type OracleFlag } from './rule-oracle';

/** A clock after every generated date, as an importer running today would have. */
export const NOW = new Date('2026-01-01T12:00:00Z');
/** Evaluated well after every case's last entry, so every missing action is overdue. */
export const AS_OF = dayOf('2026-06-30');

const SOCIAL_CARE = new Set(SYNTHETIC_AGENCIES.filter((a) => a.kind === 'childrens_social_care').map((a) => a.id));

export function flagsOf(syntheticCase: SyntheticCase): OracleFlag[] {
  return detectFlags(syntheticCase.rows, { child: syntheticCase.child, socialCare: SOCIAL_CARE, asOf: AS_OF });
}

export async function parse(csv: string | Readable): Promise<ChronologyRow[]> {
  const rows: ChronologyRow[] = [];
  const input = typeof csv === 'string' ? Readable.from([csv]) : csv;
  for await (const row of parseChronologyCsv(input, { file: 'synthetic.csv', now: NOW })) rows.push(row);
  return rows;
}
