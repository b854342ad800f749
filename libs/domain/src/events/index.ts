export * from './common';
export * from './agency.events';
export * from './subject.events';
export * from './involvement.events';
export * from './entry.events';
export * from './review.events';
export * from './access.events';
export * from './upcasting';
export * from './information-shared.upcaster';

import type { AccessEvent } from './access.events';
import type { AgencyEvent } from './agency.events';
import type { EntryStreamEvent } from './entry.events';
import type { InvolvementEvent } from './involvement.events';
import type { ReviewEvent } from './review.events';
import type { IdentityEvent, SubjectEvent } from './subject.events';
import type { PrivacyEvent } from '../privacy/privacy.events';

export type CasetrailEvent = AgencyEvent | SubjectEvent | IdentityEvent | InvolvementEvent | EntryStreamEvent | ReviewEvent | AccessEvent | PrivacyEvent;
export type CasetrailEventType = CasetrailEvent['type'];
