import { DomainError, streams } from '@casetrail/domain';
import type { EntryPlan } from './plan-entry';

export class AgencyNotRegistered extends DomainError {
  constructor(agencyId: string, field: string) {
    super(field === 'agency' ? 'AGENCY.NOT_REGISTERED.FORBIDDEN' : 'AGENCY.NOT_FOUND', `Agency ${agencyId} is not registered`, field);
  }
}

/** A stream that must exist before an entry may be recorded, and the error if it does not. */
export interface Requirement {
  readonly streamId: string;
  readonly fail: () => DomainError;
}

/**
 * What must already exist for a planned entry: the writing agency, the agencies it names and the
 * subjects it names, in the order their absence is reported. Both the single-entry path and the
 * bulk importer judge by this list, so an import and an HTTP write fail alike.
 */
export function requirementsOf(plan: EntryPlan, writer: string): Requirement[] {
  const required: Requirement[] = [{ streamId: streams.agency(writer), fail: () => new AgencyNotRegistered(writer, 'agency') }];
  for (const agency of new Set(plan.agencies)) {
    if (agency !== writer) required.push({ streamId: streams.agency(agency), fail: () => new AgencyNotRegistered(agency, 'to') });
  }
  for (const subject of new Set(plan.subjects)) {
    required.push({ streamId: streams.subject(subject), fail: () => new DomainError('SUBJECT.NOT_FOUND', `No subject ${subject}`, 'subjects') });
  }
  return required;
}
