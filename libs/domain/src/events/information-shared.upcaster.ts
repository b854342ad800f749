import type { InformationShared, InformationSharedV1 } from './entry.events';
import type { Upcaster } from './upcasting';

/**
 * A sharing recorded before version 2 says nothing about consent, and reviews must not read a
 * guess into that silence: it becomes `not_recorded`, never `given`.
 */
export const informationSharedV1toV2: Upcaster<InformationSharedV1, InformationShared> = {
  type: 'InformationShared',
  from: 1,
  up: (data) => ({ ...data, consent: 'not_recorded' }),
};
