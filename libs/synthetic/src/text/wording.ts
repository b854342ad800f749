import type { RiskCategory } from '@casetrail/domain';
import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';

/** How practitioners name each other's services in a chronology. */
const SHORT_NAMES: Record<string, string> = {
  [AGENCY.police]: 'police',
  [AGENCY.socialCare]: "children's social care",
  [AGENCY.gp]: 'the GP practice',
  [AGENCY.healthVisiting]: 'health visiting',
  [AGENCY.emergencyDepartment]: 'the emergency department',
  [AGENCY.school]: 'school',
  [AGENCY.probation]: 'probation',
  [AGENCY.housing]: 'housing',
  [AGENCY.substanceMisuse]: 'the drug and alcohol service',
};

export function shortName(agency: string): string {
  return SHORT_NAMES[agency] ?? agency;
}

const CATEGORY_WORDS: Record<RiskCategory, string> = {
  alcohol_misuse: 'alcohol misuse',
  drug_misuse: 'drug misuse',
  domestic_abuse: 'domestic abuse',
  mental_health: 'mental health',
  learning_disability: 'learning disability',
  physical_disability_or_illness: 'health needs',
  young_carer: 'young carer',
  missing: 'missing episodes',
  sexual_exploitation: 'child sexual exploitation',
  trafficking: 'trafficking',
  gangs: 'gang association',
  self_harm: 'self-harm',
  neglect: 'neglect',
  emotional_abuse: 'emotional abuse',
  physical_abuse: 'physical abuse',
  sexual_abuse: 'sexual abuse',
  other: 'other concerns',
  sexual_offence_history: 'sexual offence history',
  violent_offence_history: 'violent offence history',
  housing_instability: 'housing instability',
};

export function categoryWords(categories: readonly RiskCategory[]): string {
  const words = categories.map((category) => CATEGORY_WORDS[category]);
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
