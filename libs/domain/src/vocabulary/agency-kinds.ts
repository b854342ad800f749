export const AGENCY_KINDS = [
  'police',
  'childrens_social_care',
  'health',
  'education',
  'probation',
  'housing',
  'substance_misuse',
  'voluntary',
] as const;

export type AgencyKind = (typeof AGENCY_KINDS)[number];

export function isAgencyKind(value: string): value is AgencyKind {
  return (AGENCY_KINDS as readonly string[]).includes(value);
}
