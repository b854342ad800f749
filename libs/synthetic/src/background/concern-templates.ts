import type { ContactType, Severity } from '@casetrail/chronology';
import type { RiskCategory } from '@casetrail/domain';
import type { AgencyRole } from '../agencies';
import type { AdultRole, AgeGroup } from '../case/case-context';

/**
 * The kinds of concern agencies record in the background of a case. `{adult}` in a text is
 * replaced by the role of the adult concerned ("mother", "mother's partner").
 */
export interface ConcernTemplate {
  readonly recorder: AgencyRole;
  /** `child`: about the child alone; `child_and_adult`: an incident naming both; `adult`: about a household adult. */
  readonly about: 'child' | 'child_and_adult' | 'adult';
  readonly adults?: readonly AdultRole[];
  readonly categories: readonly RiskCategory[];
  readonly severities: readonly Severity[];
  readonly ageGroups?: readonly AgeGroup[];
  /** The contact that brought the concern to light, recorded just before it. */
  readonly lead?: ContactType;
  readonly texts: readonly string[];
  readonly weight: number;
}

const PARENTS_AND_PARTNERS: readonly AdultRole[] = ['mother', 'father', 'partner'];
const PARENTS: readonly AdultRole[] = ['mother', 'father'];

/**
 * Categories that never occur in a background, so a pattern that needs information social care
 * has not yet weighed can always find some.
 */
export const RESERVED_CATEGORIES: readonly RiskCategory[] = ['self_harm', 'sexual_exploitation', 'missing', 'trafficking'];

export const CONCERN_TEMPLATES: readonly ConcernTemplate[] = [
  {
    recorder: 'police',
    about: 'child_and_adult',
    adults: ['father', 'partner'],
    categories: ['domestic_abuse'],
    severities: ['low', 'medium', 'high'],
    lead: 'police_callout',
    texts: [
      'Call-out to a verbal argument between the mother and her partner; child present in the home, no injuries seen',
      'Mother reported that her partner pushed her against a wall; the child was in the next room. DASH completed',
      'Neighbour called about shouting; the mother’s partner had left before officers arrived. Child awake and upset',
    ],
    weight: 8,
  },
  {
    recorder: 'police',
    about: 'child',
    categories: ['physical_abuse'],
    severities: ['medium', 'high'],
    lead: 'police_callout',
    texts: ['Report of a child screaming; child seen with a fresh bruise to the cheek, account from the household unclear'],
    weight: 2,
  },
  {
    recorder: 'police',
    about: 'adult',
    adults: ['father', 'partner', 'lodger'],
    categories: ['violent_offence_history'],
    severities: ['medium'],
    texts: ['The {adult} arrested for assault on a third party and bailed to the family address'],
    weight: 2,
  },
  {
    recorder: 'school',
    about: 'child',
    categories: ['neglect'],
    severities: ['low', 'medium'],
    ageGroups: ['school_age'],
    lead: 'school_concern',
    texts: [
      'Child arrived hungry and in unwashed uniform for the third day running',
      'Head lice untreated for several weeks; child says there is no money for treatment',
      'Child regularly collected late and not appropriately dressed for the weather',
    ],
    weight: 6,
  },
  {
    recorder: 'school',
    about: 'child',
    categories: ['emotional_abuse'],
    severities: ['low', 'medium'],
    ageGroups: ['school_age'],
    lead: 'school_concern',
    texts: ['Child withdrawn in class and told a teaching assistant that the adults at home shout at them a lot'],
    weight: 3,
  },
  {
    recorder: 'school',
    about: 'child',
    categories: ['physical_abuse'],
    severities: ['medium', 'high'],
    ageGroups: ['school_age'],
    lead: 'school_concern',
    texts: ['Marks seen on the back of the child’s legs during PE; child said they were hit at home'],
    weight: 2,
  },
  {
    recorder: 'school',
    about: 'child',
    categories: ['young_carer'],
    severities: ['low'],
    ageGroups: ['school_age'],
    texts: ['Child caring for the mother after her discharge from hospital; attendance falling'],
    weight: 2,
  },
  {
    recorder: 'school',
    about: 'child',
    categories: ['sexual_abuse'],
    severities: ['high'],
    ageGroups: ['school_age'],
    lead: 'school_concern',
    texts: ['Child made a disclosure to the designated safeguarding lead of sexual touching by an adult visitor to the home'],
    weight: 1,
  },
  {
    recorder: 'healthVisiting',
    about: 'child',
    categories: ['neglect'],
    severities: ['low', 'medium'],
    ageGroups: ['infant'],
    lead: 'home_visit',
    texts: ['Home conditions poor: no safe sleeping space for the baby, dirty bottles in the kitchen', 'Baby’s weight has dropped two centiles; feeding routine unclear'],
    weight: 6,
  },
  {
    recorder: 'healthVisiting',
    about: 'adult',
    adults: ['mother'],
    categories: ['mental_health'],
    severities: ['low', 'medium'],
    ageGroups: ['infant'],
    texts: ['Mother scored highly on the postnatal depression screen; reports not sleeping and low mood'],
    weight: 3,
  },
  {
    recorder: 'healthVisiting',
    about: 'child_and_adult',
    adults: ['partner', 'father'],
    categories: ['domestic_abuse'],
    severities: ['medium'],
    ageGroups: ['infant'],
    texts: ['At routine enquiry the mother disclosed that her partner controls the money and has pushed her'],
    weight: 2,
  },
  {
    recorder: 'gp',
    about: 'adult',
    adults: PARENTS,
    categories: ['mental_health'],
    severities: ['low', 'medium', 'high'],
    texts: ['The {adult} presented with worsening depression and passive thoughts of suicide; referred to the crisis team', 'The {adult} stopped prescribed antipsychotic medication'],
    weight: 3,
  },
  {
    recorder: 'gp',
    about: 'adult',
    adults: PARENTS_AND_PARTNERS,
    categories: ['alcohol_misuse'],
    severities: ['low', 'medium'],
    texts: ['The {adult} disclosed drinking a bottle of vodka most days; deranged liver function tests'],
    weight: 2,
  },
  {
    recorder: 'gp',
    about: 'child',
    categories: ['physical_disability_or_illness'],
    severities: ['low'],
    texts: ['Child’s asthma poorly controlled; two repeat prescriptions for inhalers not collected'],
    weight: 2,
  },
  {
    recorder: 'emergencyDepartment',
    about: 'child',
    categories: ['physical_abuse'],
    severities: ['medium', 'high'],
    lead: 'emergency_department',
    texts: ['Attended with a burn to the hand; delay of two days in presenting and the account changed', 'Bruising to the upper arm in a pattern suggesting gripping; explanation inconsistent'],
    weight: 2,
  },
  {
    recorder: 'emergencyDepartment',
    about: 'child',
    categories: ['neglect'],
    severities: ['low', 'medium'],
    lead: 'emergency_department',
    texts: ['Attended with an ear infection untreated for two weeks; the child had been in pain for days'],
    weight: 2,
  },
  {
    recorder: 'emergencyDepartment',
    about: 'adult',
    adults: PARENTS_AND_PARTNERS,
    categories: ['alcohol_misuse'],
    severities: ['medium'],
    texts: ['The {adult} attended intoxicated with a head injury late at night; the children were at home'],
    weight: 1,
  },
  {
    recorder: 'socialCare',
    about: 'child',
    categories: ['neglect'],
    severities: ['low', 'medium'],
    lead: 'home_visit',
    texts: ['Little food in the home and the child’s bedroom has no bed; mother says money has run out', 'Dog faeces on the floor of the living room; the child’s clothes unwashed'],
    weight: 4,
  },
  {
    recorder: 'socialCare',
    about: 'child',
    categories: ['emotional_abuse'],
    severities: ['low', 'medium'],
    lead: 'home_visit',
    texts: ['Child spoken to alone: says they feel in the way at home and are blamed for arguments'],
    weight: 2,
  },
  {
    recorder: 'housing',
    about: 'child_and_adult',
    adults: ['mother', 'father'],
    categories: ['housing_instability'],
    severities: ['low', 'medium'],
    texts: ['Notice seeking possession served for rent arrears; the {adult} has not engaged with the income team'],
    weight: 3,
  },
  {
    recorder: 'probation',
    about: 'adult',
    adults: ['father', 'partner'],
    categories: ['domestic_abuse', 'violent_offence_history'],
    severities: ['medium', 'high'],
    texts: ['The {adult} breached a licence condition by contacting an ex-partner; risk of serious harm reviewed'],
    weight: 3,
  },
  {
    recorder: 'substanceMisuse',
    about: 'adult',
    adults: PARENTS_AND_PARTNERS,
    categories: ['drug_misuse'],
    severities: ['low', 'medium', 'high'],
    texts: ['The {adult} tested positive for opiates and missed two key-work sessions', 'The {adult} disclosed relapse into crack cocaine use'],
    weight: 3,
  },
  {
    recorder: 'substanceMisuse',
    about: 'adult',
    adults: PARENTS_AND_PARTNERS,
    categories: ['alcohol_misuse'],
    severities: ['low', 'medium'],
    texts: ['The {adult} attended key work smelling of alcohol; reduction plan not followed'],
    weight: 2,
  },
];
