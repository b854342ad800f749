/** Words and marks the workbench shows for the domain's ids (DOMAIN.md). */

export interface EntryStyle {
  readonly label: string;
  /** A short mark drawn before the entry on the timeline (with the label, never colour alone). */
  readonly icon: string;
  /** A CSS class choosing the entry's colour (see styles.css; every pair meets WCAG AA). */
  readonly tone: string;
}

const ENTRY_STYLES: Readonly<Record<string, EntryStyle>> = {
  person: { label: 'Person registered', icon: '◉', tone: 'tone-neutral' },
  relationship: { label: 'Relationship', icon: '⚭', tone: 'tone-neutral' },
  relationship_ended: { label: 'Relationship ended', icon: '⚮', tone: 'tone-neutral' },
  involvement_opened: { label: 'Involvement opened', icon: '▶', tone: 'tone-involvement' },
  involvement_closed: { label: 'Involvement closed', icon: '■', tone: 'tone-involvement' },
  contact: { label: 'Contact', icon: '☎', tone: 'tone-contact' },
  concern: { label: 'Concern', icon: '⚠', tone: 'tone-concern' },
  referral: { label: 'Referral', icon: '➜', tone: 'tone-referral' },
  referral_outcome: { label: 'Referral outcome', icon: '↩', tone: 'tone-referral' },
  information_shared: { label: 'Information shared', icon: '⇄', tone: 'tone-sharing' },
  information_request: { label: 'Information requested', icon: '?', tone: 'tone-sharing' },
  information_response: { label: 'Information response', icon: '✉', tone: 'tone-sharing' },
  risk_assessment: { label: 'Risk assessment', icon: '⚖', tone: 'tone-assessment' },
  meeting: { label: 'Meeting', icon: '◎', tone: 'tone-meeting' },
  plan_started: { label: 'Plan started', icon: '▣', tone: 'tone-plan' },
  plan_ended: { label: 'Plan ended', icon: '□', tone: 'tone-plan' },
  serious_incident: { label: 'Serious incident', icon: '✚', tone: 'tone-incident' },
  identity_link: { label: 'Identity linked', icon: '≡', tone: 'tone-neutral' },
  identity_unlink: { label: 'Identity unlinked', icon: '≢', tone: 'tone-neutral' },
  correction: { label: 'Correction', icon: '✎', tone: 'tone-neutral' },
  retraction: { label: 'Retraction', icon: '✗', tone: 'tone-neutral' },
};

export function entryStyle(type: string): EntryStyle {
  return ENTRY_STYLES[type] ?? { label: humanise(type), icon: '•', tone: 'tone-neutral' };
}

export const ENTRY_TYPES: readonly string[] = Object.keys(ENTRY_STYLES);

export const THEMES: Readonly<Record<string, string>> = {
  daily_life: "Understanding the child's daily life",
  reluctant_engagement: 'Working with reluctant engagement',
  critical_thinking: 'Critical thinking and challenge',
  changing_risk: 'Responding to changing risk and need',
  information_sharing: 'Sharing information in a timely way',
  leadership_culture: 'Organisational leadership and culture',
};

export const RULES: Readonly<Record<string, { readonly title: string; readonly rule: string }>> = {
  'unshared-risk': { title: 'Risk not shared', rule: 'A medium or high concern must reach every other agency working with the child within 3 days (1 day when high).' },
  'decision-without-shared-information': { title: 'Decision taken without shared information', rule: 'An agency decided (closed, no further action, assessed) while another agency held risk information it had not shared.' },
  'unchecked-household-member': { title: 'New household adult not checked', rule: "When an adult joins the child's household, children's social care should seek information about them within 10 days." },
  'assessment-not-updated': { title: 'Assessment not updated', rule: 'New risk information the last assessment could not weigh should lead to a reassessment within 10 days.' },
  'no-strategy-discussion': { title: 'No strategy discussion', rule: 'A high-severity concern of physical or sexual abuse needs a strategy discussion within 2 days, and before the case is closed.' },
  'request-declined': { title: 'Information request declined or unanswered', rule: 'Data protection does not stop sharing to safeguard a child; a request should be answered within 5 days.' },
  'referral-no-outcome': { title: 'Referral without outcome', rule: 'Every referral should have a recorded outcome within 1 day.' },
  'repeat-referrals': { title: 'Repeat referrals', rule: 'A third referral within 12 months, after earlier ones ended with no further action, calls for a fresh look.' },
  'absent-from-meeting': { title: 'Agency left out of a meeting', rule: 'Every agency working with the child should be invited to strategy discussions and child protection conferences.' },
  'child-not-seen': { title: 'Child not seen', rule: 'Three visits in a row without seeing the child, or closing when the last visit did not see the child.' },
  'missed-contacts': { title: 'Missed contacts', rule: 'Three or more no-access, did-not-attend or was-not-brought outcomes within 90 days.' },
  'late-recording': { title: 'Late recording', rule: 'An entry recorded more than 7 days after it happened.' },
};

export const CATEGORIES: readonly string[] = [
  'alcohol_misuse', 'drug_misuse', 'domestic_abuse', 'mental_health', 'learning_disability', 'physical_disability_or_illness', 'young_carer',
  'missing', 'sexual_exploitation', 'trafficking', 'gangs', 'self_harm', 'neglect', 'emotional_abuse', 'physical_abuse', 'sexual_abuse', 'other',
  'sexual_offence_history', 'violent_offence_history', 'housing_instability',
];

export function humanise(id: string): string {
  const text = id.replace(/[_-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A date as the agency recorded it: a month-precision date reads "March 2023", not a day. */
export function formatOccurred(at: string, precision: string): string {
  const date = new Date(at);
  if (precision === 'year') return `${date.getUTCFullYear()}`;
  if (precision === 'month') return date.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const day = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return precision === 'approximate' ? `about ${day}` : day;
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
