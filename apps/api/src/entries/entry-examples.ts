import { eventIdFor } from '@casetrail/recording';
import type { ExamplesObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

const common = { subjects: ['subj-child-0001'], occurred: { date: '2024-05-01', time: '09:30' } };

/** One synthetic example per kind of entry, shown in /docs. */
export const ENTRY_EXAMPLES: ExamplesObject = {
  contact: { summary: 'POST /entries/contact', value: { ...common, entryId: 'P-1001', contactType: 'home_visit', childSeen: false, outcome: 'no_access' } },
  concern: { summary: 'POST /entries/concern', value: { ...common, entryId: 'P-1002', categories: ['domestic_abuse', '4B'], severity: 'high', source: 'family' } },
  referral: { summary: 'POST /entries/referral', value: { ...common, entryId: 'P-1003', to: 'csc-north', categories: ['domestic_abuse'] } },
  'referral-outcome': { summary: 'POST /entries/referral-outcome', value: { ...common, entryId: 'C-2001', refersTo: 'police-north:P-1003', outcome: 'assessment' } },
  'information-shared': {
    summary: 'POST /entries/information-shared',
    description: 'consent: given, refused, overridden (a refusal overridden to protect the child), not_sought (seeking it would put the child at risk) or not_recorded (the default).',
    value: { ...common, entryId: 'P-1004', to: 'health-east', about: ['P-1002'], lawfulBasis: 'safeguarding_condition', consent: 'not_sought' },
  },
  'information-not-shared': {
    summary: 'POST /entries/information-not-shared',
    description:
      'A decision not to share is itself an entry: with whom, about which entries or categories, and why not (reason: free text or an id: ' +
      'data_protection, consent_refused, not_necessary, not_proportionate, risk_to_child). consent as for a sharing, except overridden.',
    value: { ...common, entryId: 'H-1007', to: 'csc-north', categories: ['mental_health'], reason: 'consent_refused', consent: 'refused' },
  },
  'information-request': { summary: 'POST /entries/information-request', value: { ...common, entryId: 'C-2002', to: 'probation-north', categories: ['sexual_offence_history'] } },
  'information-response': { summary: 'POST /entries/information-response', value: { ...common, entryId: 'PR-3001', refersTo: 'csc-north:C-2002', response: 'disclosed' } },
  'risk-assessment': { summary: 'POST /entries/risk-assessment', value: { ...common, entryId: 'C-2003', riskLevel: 'medium', categoriesConsidered: ['domestic_abuse'] } },
  meeting: { summary: 'POST /entries/meeting', value: { ...common, entryId: 'C-2004', kind: 'strategy_discussion', invited: ['police-north', 'health-east'], attended: ['police-north'] } },
  person: { summary: 'POST /entries/person', value: { ...common, entryId: 'C-2000', kind: 'child' } },
  'local-identifier': { summary: 'POST /entries/local-identifier', value: { ...common, entryId: 'H-1', scheme: 'nhs_number', value: '999 000 0001' } },
  relationship: { summary: 'POST /entries/relationship', value: { ...common, entryId: 'C-2005', related: 'subj-adult-0001', relation: 'partner_of_parent' } },
  'relationship-ended': { summary: 'POST /entries/relationship-ended', value: { ...common, entryId: 'C-2006', related: 'subj-adult-0001', relation: 'partner_of_parent' } },
  'involvement-opened': { summary: 'POST /entries/involvement-opened', value: { ...common, entryId: 'C-2007', lead: true } },
  'involvement-closed': { summary: 'POST /entries/involvement-closed', value: { ...common, entryId: 'C-2008', reason: 'no further action' } },
  'plan-started': { summary: 'POST /entries/plan-started', value: { ...common, entryId: 'C-2009', plan: 'child_protection' } },
  'plan-ended': { summary: 'POST /entries/plan-ended', value: { ...common, entryId: 'C-2010', plan: 'child_protection' } },
  'serious-incident': { summary: 'POST /entries/serious-incident', value: { ...common, entryId: 'C-2011', kind: 'serious_harm' } },
  'identity-link': { summary: 'POST /entries/identity-link', value: { ...common, subjects: ['subj-child-0001', 'subj-child-0009'], entryId: 'C-2012' } },
  'identity-unlink': { summary: 'POST /entries/identity-unlink', value: { ...common, subjects: ['subj-child-0001', 'subj-child-0009'], entryId: 'C-2013', reason: 'different people' } },
  correction: { summary: 'POST /entries/correction', value: { ...common, entryId: 'P-1005', refersTo: 'P-1002', changes: { severity: 'medium' }, reason: 'mis-keyed' } },
  retraction: { summary: 'POST /entries/retraction', value: { ...common, entryId: 'P-1006', refersTo: 'P-1001', reason: 'recorded against the wrong child' } },
  'correction-of-an-answer': {
    summary: 'POST /entries/correction (of an answer, by its own id)',
    description: "Social care corrects its referral outcome C-2001, which is kept with police-north's referral P-1003; its own id finds it.",
    value: { ...common, entryId: 'C-2014', refersTo: 'C-2001', changes: { outcome: 'section_47' }, reason: 'outcome mis-keyed' },
  },
};

/** GET /entries/csc-north/C-004 after the referral outcome C-004 was corrected by C-005. */
export const ENTRY_READ_BACK_EXAMPLE = {
  entry: { agency: 'csc-north', entryId: 'C-004' },
  keptWithin: { agency: 'police-north', entryId: 'P-003' },
  events: [
    {
      eventId: eventIdFor('entry-police-north:P-003', 'ReferralOutcomeRecorded', 'csc-north:C-004'),
      type: 'ReferralOutcomeRecorded',
      schemaVersion: 1,
      revision: '1',
      data: {
        entry: { agency: 'csc-north', entryId: 'C-004' },
        subjects: ['subj-demo-child-01'],
        occurred: { at: '2023-10-09T00:00:00.000Z', precision: 'day' },
        recordedAt: '2023-10-09T00:00:00.000Z',
        summary: 'NFA',
        answers: { agency: 'police-north', entryId: 'P-003' },
        outcome: 'no_further_action',
      },
    },
    {
      eventId: eventIdFor('entry-police-north:P-003', 'EntryCorrected', 'csc-north:C-005'),
      type: 'EntryCorrected',
      schemaVersion: 1,
      revision: '2',
      data: {
        entry: { agency: 'csc-north', entryId: 'C-005' },
        subjects: ['subj-demo-child-01'],
        occurred: { at: '2023-10-12T00:00:00.000Z', precision: 'day' },
        recordedAt: '2023-10-12T00:00:00.000Z',
        amends: { agency: 'csc-north', entryId: 'C-004' },
        changes: { outcome: 'assessment' },
        reason: 'outcome mis-keyed',
      },
    },
  ],
};
