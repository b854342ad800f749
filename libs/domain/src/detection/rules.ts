import type { PracticeTheme } from '../vocabulary/practice-themes';

/** A detection rule as reviewers read it: its id, its practice theme and what it looks for. */
export interface DetectionRule {
  readonly id: RuleId;
  readonly theme: PracticeTheme;
  readonly title: string;
  readonly description: string;
}

type Definition = { readonly theme: PracticeTheme; readonly title: string; readonly description: string };

// One table keyed by id, so adding a rule without a theme or wording fails to compile.
const DEFINITIONS = {
  'unshared-risk': {
    theme: 'information_sharing',
    title: 'Risk information not shared',
    description:
      "A medium or high concern about the child, or about an adult then in the child's household, was not shared with another agency working with the child within the allowed days (fewer when high).",
  },
  'decision-without-shared-information': {
    theme: 'information_sharing',
    title: 'Decision taken without information another agency held',
    description:
      'An agency closed its involvement, decided no further action on a referral or completed an assessment while another agency held risk information about the child or a household adult that it had not yet shared with it.',
  },
  'unchecked-household-member': {
    theme: 'changing_risk',
    title: 'New household member not checked',
    description:
      "An adult joined the child's household while children's social care was involved (or soon became involved), and social care neither asked for nor received information about that adult within the allowed days.",
  },
  'assessment-not-updated': {
    theme: 'changing_risk',
    title: 'Risk assessment not updated',
    description:
      'After its latest risk assessment an agency came to know risk information the assessment could not have weighed (a category it did not consider, or a severity above its conclusion), and did not reassess in time or before closing.',
  },
  'no-strategy-discussion': {
    theme: 'critical_thinking',
    title: 'No strategy discussion after serious abuse concern',
    description:
      "Children's social care received a high-severity concern of physical or sexual abuse and held no strategy discussion within the allowed days, or before it closed its involvement.",
  },
  'request-declined': {
    theme: 'information_sharing',
    title: 'Information request declined or unanswered',
    description:
      'A request for information was declined on data-protection or consent grounds (which do not prevent sharing to safeguard a child), or was not answered within the allowed days.',
  },
  'referral-no-outcome': {
    theme: 'critical_thinking',
    title: 'Referral without an outcome',
    description: 'The agency a referral went to recorded no outcome within the allowed days.',
  },
  'repeat-referrals': {
    theme: 'critical_thinking',
    title: 'Repeated referrals closed without action',
    description:
      'A third (or later) referral about the child within twelve months, where the earlier ones ended with no further action or closure; referrals from family and the public count as much as professional ones.',
  },
  'absent-from-meeting': {
    theme: 'information_sharing',
    title: 'Involved agency left out of a key meeting',
    description:
      'A strategy discussion or child protection conference went ahead without an agency, neither invited nor attending, that was working with the child at the time.',
  },
  'child-not-seen': {
    theme: 'daily_life',
    title: 'Child not seen',
    description:
      'Three consecutive home visits or appointments by one agency did not see the child, or an agency closed its involvement when its last visit or appointment had not seen the child.',
  },
  'missed-contacts': {
    theme: 'reluctant_engagement',
    title: 'Repeated missed contacts',
    description: 'Three or more contacts with no access, or where the child did not attend or was not brought, within ninety days.',
  },
  'late-recording': {
    theme: 'leadership_culture',
    title: 'Late recording',
    description: 'An entry was recorded more than the allowed days after it happened.',
  },
} as const satisfies Record<string, Definition>;

export type RuleId = keyof typeof DEFINITIONS;

/** Every rule, in the order DOMAIN.md lists them. */
export const DETECTION_RULES: readonly DetectionRule[] = (Object.keys(DEFINITIONS) as RuleId[]).map((id) => ({
  id,
  ...DEFINITIONS[id],
}));

export const RULE_IDS: readonly RuleId[] = DETECTION_RULES.map((r) => r.id);

export function isRuleId(value: string): value is RuleId {
  return Object.hasOwn(DEFINITIONS, value);
}

export function ruleTheme(id: RuleId): PracticeTheme {
  return DEFINITIONS[id].theme;
}
