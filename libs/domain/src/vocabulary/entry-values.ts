/** The enumerated values of entries, as the chronology format and the API spell them. */
export const SEVERITIES = ['low', 'medium', 'high'] as const;
export const CONTACT_TYPES = [
  'home_visit',
  'appointment',
  'emergency_department',
  'police_callout',
  'school_concern',
  'phone_call',
  'meeting',
  'other',
] as const;
export const CONTACT_OUTCOMES = ['completed', 'no_access', 'did_not_attend', 'was_not_brought'] as const;
export const REFERRAL_OUTCOMES = ['no_further_action', 'early_help', 'assessment', 'strategy_discussion', 'section_47'] as const;
export const LAWFUL_BASES = [
  'public_task',
  'legal_obligation',
  'vital_interests',
  'consent',
  'safeguarding_condition',
  'not_recorded',
] as const;
/**
 * Consent to a sharing, as UK practice records it: sharing may proceed with consent, without
 * seeking it where seeking would place a child at risk, or by overriding a refusal. Separate from
 * the lawful basis, which says why sharing was lawful whatever the consent.
 */
export const CONSENT_STATES = ['given', 'refused', 'overridden', 'not_sought', 'not_recorded'] as const;
/** Reason ids for a decision not to share (an agency may also write its own reason). */
export const NOT_SHARED_REASONS = ['data_protection', 'consent_refused', 'not_necessary', 'not_proportionate', 'risk_to_child'] as const;
export const MEETING_KINDS = ['strategy_discussion', 'child_protection_conference', 'review_conference', 'core_group', 'mash'] as const;
export const RELATIONS = [
  'parent',
  'step_parent',
  'partner_of_parent',
  'sibling',
  'household_member',
  'carer',
  'grandparent',
  'relative',
] as const;
export const PLAN_KINDS = ['child_in_need', 'child_protection', 'looked_after'] as const;
export const INCIDENT_KINDS = ['death', 'serious_harm'] as const;
export const SOURCES = ['family', 'member_of_public', 'professional', 'anonymous', 'self', 'child'] as const;
export const DATE_PRECISIONS = ['day', 'month', 'year', 'approximate'] as const;
export const SUBJECT_KINDS = ['child', 'adult'] as const;
export const IDENTIFIER_SCHEMES = ['nhs_number', 'unique_pupil_number', 'police_id', 'local_authority_id', 'other'] as const;
