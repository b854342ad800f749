import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import type { Random } from '../random';
import type { Adult, Roster } from './case-context';
import { subjectId } from './case-context';

/** Which agencies know the family: always the core four and the hospital; probation, housing and drug services sometimes. */
export function chooseRoster(rng: Random): Roster {
  const ageGroup = rng.chance(0.4) ? 'infant' : 'school_age';
  const universal = ageGroup === 'infant' ? AGENCY.healthVisiting : AGENCY.school;
  const contributors = [AGENCY.emergencyDepartment];
  if (rng.chance(0.35)) contributors.push(AGENCY.probation);
  if (rng.chance(0.4)) contributors.push(AGENCY.housing);
  if (rng.chance(0.4)) contributors.push(AGENCY.substanceMisuse);
  return { ageGroup, universal, involved: [AGENCY.socialCare, universal, AGENCY.gp, AGENCY.police], contributors };
}

export interface Family {
  readonly adults: readonly Adult[];
  readonly siblings: readonly string[];
}

/** The household at the start: always the mother; a father or her partner; now and then a relative living in. */
export function chooseFamily(rng: Random, caseId: string, nextAdultId: () => string): Family {
  const adults: Adult[] = [{ id: subjectId(caseId, 'mother'), role: 'mother', relation: 'parent', label: 'mother' }];
  const partner = rng.weighted([
    ['father', 45],
    ['partner', 30],
    ['none', 25],
  ] as const);
  if (partner === 'father') adults.push({ id: subjectId(caseId, 'father'), role: 'father', relation: 'parent', label: 'father' });
  if (partner === 'partner') adults.push({ id: nextAdultId(), role: 'partner', relation: 'partner_of_parent', label: 'mother’s partner' });
  if (rng.chance(0.1)) adults.push({ id: nextAdultId(), role: 'relative', relation: 'household_member', label: 'maternal grandmother' });
  const siblings = Array.from({ length: rng.weighted([[0, 3], [1, 4], [2, 2], [3, 1]] as const) }, (_, i) => subjectId(caseId, `sibling${i + 1}`));
  return { adults, siblings };
}
