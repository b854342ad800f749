/** Synthetic example answers shown in /docs: counts only, as every answer is. */
const header = { period: { from: '2024-01-01', to: '2024-12-31' }, agency: null, suppressBelow: 5 };

export const STATISTICS_EXAMPLES = {
  flags: {
    ...header,
    freshness: { pendingChildren: 0, evaluatedFrom: '2025-02-03' },
    total: { count: 57 },
    childrenFlagged: { count: 21 },
    byRule: [
      { rule: 'unshared-risk', theme: 'information_sharing', count: 18 },
      { rule: 'request-declined', theme: 'information_sharing', count: null, suppressed: true },
      { rule: 'late-recording', theme: 'leadership_culture', count: 0 },
    ],
    byTheme: [
      { theme: 'information_sharing', count: 29 },
      { theme: 'daily_life', count: 6 },
    ],
    byAgency: [
      { agency: 'police-north', count: 24 },
      { agency: 'csc-north', count: 31 },
    ],
    byMonth: [
      { month: '2024-01', count: 7 },
      { month: '2024-02', count: null, suppressed: true },
    ],
  },
  'time-to-share': {
    ...header,
    method: 'Per child, with the detection rules\u2019 own reckoning (whenReached) ...',
    overall: { concerns: { count: 140 }, reached: { count: 121 }, notReached: { count: 19 }, medianDays: 1, p90Days: 6 },
    pairs: [
      { from: 'police-north', to: 'csc-north', concerns: { count: 40 }, reached: { count: 37 }, notReached: { count: null, suppressed: true }, medianDays: 1, p90Days: 4 },
      { from: 'health-north', to: 'csc-north', concerns: { count: null, suppressed: true }, reached: { count: null, suppressed: true }, notReached: { count: 0 }, medianDays: null, p90Days: null },
    ],
  },
  incidents: {
    ...header,
    total: { count: 9 },
    byYear: [
      { year: 2024, kind: 'serious_harm', count: 6 },
      { year: 2024, kind: 'death', count: null, suppressed: true },
    ],
  },
  'repeat-referrals': {
    ...header,
    windowDays: 365,
    byYear: [{ year: 2024, childrenReferred: { count: 212 }, childrenReReferred: { count: 47 }, rate: 0.222 }],
  },
  reviews: {
    ...header,
    byKind: [
      { kind: 'rapid_review', open: { count: 6 }, concluded: { count: 11 } },
      { kind: 'local_practice_review', open: { count: null, suppressed: true }, concluded: { count: 0 } },
      { kind: 'national_review', open: { count: 0 }, concluded: { count: 0 } },
    ],
  },
} as const;

export const STATISTICS_FILTER_PROBLEM = {
  type: 'urn:casetrail:problem:statistics.filter.invalid',
  title: 'Bad Request',
  status: 400,
  detail: 'from must be a date YYYY-MM-DD',
  code: 'STATISTICS.FILTER.INVALID',
  errors: [{ field: 'from', message: 'from must be a date YYYY-MM-DD' }],
  instance: '/stats/flags',
};
