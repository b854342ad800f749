import type { ReviewEvent } from '../events/review.events';
import { CHILD, NOW } from '../testing/builders';
import { spec } from '../testing/given-when-then';
import {
  aFindingRecorded,
  aReviewConcluded,
  aReviewerAssigned,
  aReviewerUnassigned,
  aReviewOpened,
  REVIEWER,
} from '../testing/review-builders';
import { PRACTICE_THEMES, type PracticeTheme } from '../vocabulary/practice-themes';
import type { ReviewKind } from '../vocabulary/review-kinds';
import { reviewDecider } from './review.decider';
import { REVIEW_TITLE_MAX } from './review-rules';

const sut = spec(reviewDecider);
const LATER = '2024-06-01T12:05:00.000Z';
const TODAY = NOW.slice(0, 10);
const opened = aReviewOpened();
const assigned = aReviewerAssigned();
const finding = aFindingRecorded();
const concluded = aReviewConcluded({ summary: 'Learning on information sharing.' });
const colleague = { agencyId: REVIEWER.agencyId, practitionerRef: 'rev-8' };

describe('reviewDecider: opening', () => {
  it('opens a review', () => {
    sut.given([]).when({ type: 'OpenReview', event: opened, now: NOW }).then([opened]);
  });

  it('a retry with the same content at a later time appends nothing', () => {
    sut.given([opened]).when({ type: 'OpenReview', event: aReviewOpened({ openedAt: LATER }), now: LATER }).then([]);
  });

  it('the same review id with other content is refused', () => {
    sut
      .given([opened])
      .when({ type: 'OpenReview', event: aReviewOpened({ kind: 'rapid_review' }), now: NOW })
      .thenRejects('REVIEW.ALREADY_OPENED', 'reviewId');
  });

  it.each<[string, Parameters<typeof aReviewOpened>[0]]>([
    ['several children', { children: [CHILD, 'subj-child-0002'] }],
    ['a one-day period', { period: { from: '2024-03-01', to: '2024-03-01' } }],
    ['a period ending today', { period: { from: '2024-01-01', to: TODAY } }],
    ['a 29 February', { period: { from: '2024-02-29', to: '2024-03-01' } }],
    [`a title of ${REVIEW_TITLE_MAX} characters`, { title: 'T'.repeat(REVIEW_TITLE_MAX) }],
    ['a national review', { kind: 'national_review' }],
  ])('accepts %s', (_label, overrides) => {
    const event = aReviewOpened(overrides);
    sut.given([]).when({ type: 'OpenReview', event, now: NOW }).then([event]);
  });

  it.each<[string, Parameters<typeof aReviewOpened>[0], string, string]>([
    ['no child', { children: [] }, 'REVIEW.CHILDREN.INVALID', 'children'],
    ['the same child twice', { children: [CHILD, CHILD] }, 'REVIEW.CHILDREN.INVALID', 'children'],
    ['a blank child id', { children: [' '] }, 'REVIEW.CHILDREN.INVALID', 'children'],
    ['a period that ends before it starts', { period: { from: '2024-05-02', to: '2024-05-01' } }, 'REVIEW.PERIOD.INVALID', 'period'],
    ['a date that does not exist', { period: { from: '2023-02-29', to: '2024-05-01' } }, 'REVIEW.PERIOD.INVALID', 'period'],
    ['a date not written YYYY-MM-DD', { period: { from: '2024-1-1', to: '2024-05-01' } }, 'REVIEW.PERIOD.INVALID', 'period'],
    ['a timestamp for a date', { period: { from: '2024-01-01', to: '2024-05-01T00:00:00Z' } }, 'REVIEW.PERIOD.INVALID', 'period'],
    ['a period ending tomorrow', { period: { from: '2024-01-01', to: '2024-06-02' } }, 'REVIEW.PERIOD_IN_FUTURE.INVALID', 'period.to'],
    ['a period wholly in the future', { period: { from: '2025-01-01', to: '2025-02-01' } }, 'REVIEW.PERIOD_IN_FUTURE.INVALID', 'period.to'],
    ['a blank title', { title: '   ' }, 'REVIEW.TITLE.INVALID', 'title'],
    ['a long title', { title: 'T'.repeat(REVIEW_TITLE_MAX + 1) }, 'REVIEW.TITLE.INVALID', 'title'],
    ['an unknown kind', { kind: 'serious_case_review' as string as ReviewKind }, 'REVIEW.KIND.INVALID', 'kind'],
  ])('refuses %s', (_label, overrides, code, field) => {
    sut.given([]).when({ type: 'OpenReview', event: aReviewOpened(overrides), now: NOW }).thenRejects(code, field);
  });
});

describe('reviewDecider: reviewers', () => {
  it('assigns a reviewer to an open review', () => {
    sut.given([opened]).when({ type: 'AssignReviewer', event: assigned }).then([assigned]);
  });

  it('assigning the same reviewer again appends nothing, whoever asks and whenever', () => {
    const again = aReviewerAssigned({ assignedAt: LATER, assignedBy: { agencyId: 'police-north', role: 'reviewer' } });
    sut.given([opened, assigned]).when({ type: 'AssignReviewer', event: again }).then([]);
  });

  it('an agency and a named practitioner of it are different reviewers', () => {
    const agency = aReviewerAssigned({ reviewer: { agencyId: REVIEWER.agencyId } });
    sut.given([opened, agency]).when({ type: 'AssignReviewer', event: assigned }).then([assigned]);
  });

  it('reassigns a reviewer who was unassigned', () => {
    sut.given([opened, assigned, aReviewerUnassigned()]).when({ type: 'AssignReviewer', event: assigned }).then([assigned]);
  });

  it.each<[string, ReviewEvent[], Parameters<typeof aReviewerAssigned>[0], string]>([
    ['to a review that was never opened', [], {}, 'REVIEW.NOT_FOUND'],
    ['to a concluded review', [opened, assigned, finding, concluded], { reviewer: colleague }, 'REVIEW.ALREADY_CONCLUDED'],
    ['without an agency', [opened], { reviewer: { agencyId: '' } }, 'REVIEW.REVIEWER.INVALID'],
  ])('does not assign %s', (_label, history, overrides, code) => {
    sut.given(history).when({ type: 'AssignReviewer', event: aReviewerAssigned(overrides) }).thenRejects(code);
  });

  it('a reviewer already assigned to a concluded review is a retry, not a refusal', () => {
    sut.given([opened, assigned, finding, concluded]).when({ type: 'AssignReviewer', event: assigned }).then([]);
  });

  it('unassigns an assigned reviewer', () => {
    sut.given([opened, assigned]).when({ type: 'UnassignReviewer', event: aReviewerUnassigned() }).then([aReviewerUnassigned()]);
  });

  it('a repeated unassignment appends nothing', () => {
    sut.given([opened, assigned, aReviewerUnassigned()]).when({ type: 'UnassignReviewer', event: aReviewerUnassigned({ unassignedAt: LATER }) }).then([]);
  });

  it.each<[string, ReviewEvent[], string]>([
    ['from a review that was never opened', [], 'REVIEW.NOT_FOUND'],
    ['a reviewer never assigned', [opened], 'REVIEW.REVIEWER_NOT_ASSIGNED.CONFLICT'],
    ['a named practitioner when only the agency was assigned', [opened, aReviewerAssigned({ reviewer: { agencyId: REVIEWER.agencyId } })], 'REVIEW.REVIEWER_NOT_ASSIGNED.CONFLICT'],
    ['from a concluded review', [opened, assigned, finding, concluded], 'REVIEW.ALREADY_CONCLUDED'],
  ])('does not unassign %s', (_label, history, code) => {
    sut.given(history).when({ type: 'UnassignReviewer', event: aReviewerUnassigned() }).thenRejects(code);
  });
});

describe('reviewDecider: findings', () => {
  it('an assigned reviewer records a finding', () => {
    sut.given([opened, assigned]).when({ type: 'RecordFinding', event: finding }).then([finding]);
  });

  it('records a second finding under another id', () => {
    const second = aFindingRecorded({ findingId: 'F-2', theme: 'changing_risk' });
    sut.given([opened, assigned, finding]).when({ type: 'RecordFinding', event: second }).then([second]);
  });

  it.each(Object.keys(PRACTICE_THEMES) as PracticeTheme[])('accepts the practice theme %s', (theme) => {
    const event = aFindingRecorded({ theme });
    sut.given([opened, assigned]).when({ type: 'RecordFinding', event }).then([event]);
  });

  it('accepts evidence named by entry alone', () => {
    const event = aFindingRecorded({ evidence: [{ entry: { agency: 'police-north', entryId: 'P-100' } }] });
    sut.given([opened, assigned]).when({ type: 'RecordFinding', event }).then([event]);
  });

  it('a retry with the same content at a later time appends nothing, even after the review concluded', () => {
    const retry = aFindingRecorded({ recordedAt: LATER });
    sut.given([opened, assigned, finding]).when({ type: 'RecordFinding', event: retry }).then([]);
    sut.given([opened, assigned, finding, concluded]).when({ type: 'RecordFinding', event: retry }).then([]);
  });

  it('the same finding id with other content is refused', () => {
    sut
      .given([opened, assigned, finding])
      .when({ type: 'RecordFinding', event: aFindingRecorded({ text: 'Something else.' }) })
      .thenRejects('REVIEW.FINDING_ID_REUSED.CONFLICT', 'findingId');
  });

  it('an agency assigned as a whole lets any of its reviewers record', () => {
    const agency = aReviewerAssigned({ reviewer: { agencyId: REVIEWER.agencyId } });
    const event = aFindingRecorded({ recordedBy: colleague });
    sut.given([opened, agency]).when({ type: 'RecordFinding', event }).then([event]);
  });

  it.each<[string, ReviewEvent[], Parameters<typeof aFindingRecorded>[0], string, string | undefined]>([
    ['on a review that was never opened', [], {}, 'REVIEW.NOT_FOUND', undefined],
    ['by someone not assigned', [opened], {}, 'REVIEW.NOT_REVIEWER.FORBIDDEN', 'recordedBy'],
    ['by a reviewer since unassigned', [opened, assigned, aReviewerUnassigned()], {}, 'REVIEW.NOT_REVIEWER.FORBIDDEN', undefined],
    ['by a colleague of a named reviewer', [opened, assigned], { recordedBy: colleague }, 'REVIEW.NOT_REVIEWER.FORBIDDEN', undefined],
    ['by a practitioner of another agency', [opened, aReviewerAssigned({ reviewer: { agencyId: REVIEWER.agencyId } })], { recordedBy: { agencyId: 'police-north', practitionerRef: 'rev-7' } }, 'REVIEW.NOT_REVIEWER.FORBIDDEN', undefined],
    ['after the review concluded', [opened, assigned, finding, concluded], { findingId: 'F-2' }, 'REVIEW.ALREADY_CONCLUDED', undefined],
    ['under no practice theme', [opened, assigned], { theme: 'safeguarding' as string as PracticeTheme }, 'REVIEW.FINDING_THEME.INVALID', 'theme'],
    ['resting on no entry', [opened, assigned], { evidence: [] }, 'REVIEW.FINDING_EVIDENCE.INVALID', 'evidence'],
    ['resting on an entry without its id', [opened, assigned], { evidence: [{ entry: { agency: 'police-north', entryId: '' } }] }, 'REVIEW.FINDING_EVIDENCE.INVALID', 'evidence'],
    ['without text', [opened, assigned], { text: ' ' }, 'REVIEW.FINDING_TEXT.INVALID', 'text'],
  ])('refuses a finding %s', (_label, history, overrides, code, field) => {
    sut.given(history).when({ type: 'RecordFinding', event: aFindingRecorded(overrides) }).thenRejects(code, field);
  });
});

describe('reviewDecider: concluding', () => {
  it('concludes a review with a finding', () => {
    sut.given([opened, assigned, finding]).when({ type: 'ConcludeReview', event: concluded }).then([concluded]);
  });

  it('a retry with the same content at a later time appends nothing', () => {
    const retry = aReviewConcluded({ summary: concluded.data.summary, concludedAt: LATER });
    sut.given([opened, assigned, finding, concluded]).when({ type: 'ConcludeReview', event: retry }).then([]);
  });

  it('a second, different conclusion is refused', () => {
    sut
      .given([opened, assigned, finding, concluded])
      .when({ type: 'ConcludeReview', event: aReviewConcluded({ summary: 'Another view.' }) })
      .thenRejects('REVIEW.ALREADY_CONCLUDED');
  });

  it('a review that was never opened cannot conclude', () => {
    sut.given([]).when({ type: 'ConcludeReview', event: concluded }).thenRejects('REVIEW.NOT_FOUND');
  });

  it.each<[string, ReviewKind, string | undefined]>([
    ['a local practice review, even with a summary', 'local_practice_review', 'Nothing to learn.'],
    ['a national review', 'national_review', undefined],
    ['a rapid review without a summary', 'rapid_review', undefined],
    ['a rapid review with a blank summary', 'rapid_review', '  '],
  ])('without findings, %s cannot conclude', (_label, kind, summary) => {
    const event = aReviewConcluded(summary === undefined ? {} : { summary });
    sut.given([aReviewOpened({ kind }), assigned]).when({ type: 'ConcludeReview', event }).thenRejects('REVIEW.NO_FINDINGS.CONFLICT', 'summary');
  });

  it('a rapid review without findings concludes when its summary says why', () => {
    const event = aReviewConcluded({ summary: 'No new learning; a local review is not recommended.' });
    sut.given([aReviewOpened({ kind: 'rapid_review' })]).when({ type: 'ConcludeReview', event }).then([event]);
  });
});
