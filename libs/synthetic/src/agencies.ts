import type { AgencyKind } from '@casetrail/domain';

export interface SyntheticAgency {
  readonly id: string;
  readonly kind: AgencyKind;
  readonly name: string;
}

/** The roles agencies play in a synthetic case; several health agencies share one kind. */
export type AgencyRole =
  | 'police'
  | 'socialCare'
  | 'gp'
  | 'healthVisiting'
  | 'emergencyDepartment'
  | 'school'
  | 'probation'
  | 'housing'
  | 'substanceMisuse';

interface AgencyDefinition extends SyntheticAgency {
  readonly role: AgencyRole;
  /** Prefix of the agency's own entry references, as its case system would print them. */
  readonly prefix: string;
}

/** One fictional county ("Synthshire"), so no generated row can be mistaken for a real service's. */
const DEFINITIONS: readonly AgencyDefinition[] = [
  { role: 'police', id: 'syn-police', kind: 'police', name: 'Synthshire Constabulary', prefix: 'POL' },
  { role: 'socialCare', id: 'syn-csc', kind: 'childrens_social_care', name: "Synthshire Children's Social Care", prefix: 'CSC' },
  { role: 'gp', id: 'syn-gp', kind: 'health', name: 'Synthshire Medical Practice (GP)', prefix: 'GP' },
  { role: 'healthVisiting', id: 'syn-hv', kind: 'health', name: 'Synthshire Health Visiting Service', prefix: 'HV' },
  { role: 'emergencyDepartment', id: 'syn-ed', kind: 'health', name: 'Synthshire General Hospital Emergency Department', prefix: 'ED' },
  { role: 'school', id: 'syn-school', kind: 'education', name: 'Synthshire Academy Trust', prefix: 'SCH' },
  { role: 'probation', id: 'syn-probation', kind: 'probation', name: 'Synthshire Probation Delivery Unit', prefix: 'PRB' },
  { role: 'housing', id: 'syn-housing', kind: 'housing', name: 'Synthshire Housing Options', prefix: 'HSG' },
  { role: 'substanceMisuse', id: 'syn-substance', kind: 'substance_misuse', name: 'Synthshire Drug and Alcohol Service', prefix: 'SMS' },
];

/** Every agency a synthetic case may name; register these before importing generated rows. */
export const SYNTHETIC_AGENCIES: readonly SyntheticAgency[] = DEFINITIONS.map(({ id, kind, name }) => ({ id, kind, name }));

/** The agency id playing each role. */
export const SYNTHETIC_AGENCY_IDS = Object.fromEntries(DEFINITIONS.map((d) => [d.role, d.id])) as Readonly<Record<AgencyRole, string>>;

const PREFIXES = new Map(DEFINITIONS.map((d) => [d.id, d.prefix]));

export function entryPrefixOf(agency: string): string {
  const prefix = PREFIXES.get(agency);
  if (prefix === undefined) throw new RangeError(`"${agency}" is not a synthetic agency`);
  return prefix;
}
