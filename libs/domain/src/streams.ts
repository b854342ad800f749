import type { EntryRef } from './events/common';

/**
 * Stream names: one place, so a rename is a migration rather than an accident. See STREAMS.md
 * for what each stream protects and why. Agency ids cannot contain ':' and subject ids cannot
 * contain '+', so the separators keep two different pairs from ever naming one stream.
 */
export const streams = {
  agency: (agencyId: string) => `agency-${agencyId}`,
  subject: (subjectId: string) => `subject-${subjectId}`,
  identity: (a: string, b: string) => (a < b ? `identity-${a}+${b}` : `identity-${b}+${a}`),
  involvement: (agency: string, child: string) => `involvement-${agency}:${child}`,
  entry: (ref: EntryRef) => `entry-${ref.agency}:${ref.entryId}`,
  review: (reviewId: string) => `review-${reviewId}`,
  /** One stream per read of personal data: reads never wait on one another's revision. */
  audit: (readId: string) => `audit-${readId}`,
  /** A grantee's break-glass grants for one child (`granteeKey`); the latest is the one in force. */
  breakGlass: (child: string, granteeKey: string) => `break-glass-${child}+${granteeKey}`,
};
