import { ERASED, personalFieldsOf, protectingSubjects, type SubjectErased } from '@casetrail/domain';
import { EncryptingEventStore, type PersonalDataPolicy, type SqlEventStore } from '@casetrail/event-store';

/** The domain's table of personal fields (libs/domain/src/privacy), as the encrypting store's policy. */
export const DOMAIN_PERSONAL_DATA: PersonalDataPolicy = {
  fieldsOf: personalFieldsOf,
  subjectsOf: protectingSubjects,
  erased: ERASED,
  erasureOf: (type, data) => (type === 'SubjectErased' ? (data as SubjectErased['data']).subjectId : undefined),
};

/**
 * Every SQL store the platform opens is wrapped: personal fields are encrypted per subject before
 * they reach the log, so erasing a subject is destroying its key (see EncryptingEventStore).
 */
export function protectPersonalData(store: SqlEventStore): EncryptingEventStore {
  return new EncryptingEventStore(store, DOMAIN_PERSONAL_DATA);
}
