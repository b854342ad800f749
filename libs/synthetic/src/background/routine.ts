import type { ContactOutcome, ContactType } from '@casetrail/chronology';
import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import type { Day } from '../calendar';
import { type CaseContext, SOCIAL_CARE } from '../case/case-context';

interface RoutineSource {
  readonly agency: string;
  readonly type: ContactType;
  /** Visits and appointments are what the child-not-seen and missed-contacts rules count. */
  readonly visit: boolean;
  readonly seen: readonly string[];
  readonly unseen?: readonly string[];
  readonly missed?: readonly (readonly [ContactOutcome, string])[];
}

const SOURCES: readonly RoutineSource[] = [
  {
    agency: SOCIAL_CARE,
    type: 'home_visit',
    visit: true,
    seen: [
      'Statutory visit: child seen and spoken to alone in their bedroom; home conditions adequate',
      'Home visit: child seen playing, interacting warmly with the mother; cupboards and fridge stocked',
      'Announced visit: child seen, showed the social worker their room; no concerns noted',
      'Unannounced visit: child seen, clean and appropriately dressed',
    ],
    unseen: ['Home visit: mother said the child was asleep upstairs and declined to wake them', 'Home visit: child reported to be at the grandmother’s for the day'],
    missed: [['no_access', 'Unannounced visit: no answer at the door, curtains drawn; card left']],
  },
  {
    agency: AGENCY.healthVisiting,
    type: 'home_visit',
    visit: true,
    seen: ['Developmental review: baby seen, weight on the 50th centile, meeting milestones', 'Home visit: baby seen, safe sleep advice revisited', 'Home visit: baby seen and weighed; feeding well'],
    unseen: ['Home visit: baby asleep in the pram outside, mother declined to wake them'],
    missed: [['no_access', 'Planned visit: no answer; message left for the mother']],
  },
  {
    agency: AGENCY.gp,
    type: 'appointment',
    visit: true,
    seen: ['Appointment: child seen for a chest infection, antibiotics prescribed', 'Immunisations given; child seen with the mother', 'Appointment: child seen for eczema review'],
    unseen: ['Appointment: mother attended alone to discuss the child’s sleep; child at nursery'],
    missed: [
      ['was_not_brought', 'Child was not brought to the booked asthma review'],
      ['did_not_attend', 'Did not attend the booked appointment; no contact from the family'],
    ],
  },
  {
    agency: AGENCY.school,
    type: 'other',
    visit: false,
    seen: ['Pastoral check-in: child seen, presenting as settled and happy', 'Attendance reviewed with the child: 96% this term', 'Child seen by the school nurse for a routine health check'],
  },
  {
    agency: AGENCY.school,
    type: 'meeting',
    visit: false,
    seen: ['Parents’ evening: mother attended with the child; progress on track'],
  },
];

const INERT_TEXT = [
  'Phone call with the mother to arrange the next visit',
  'Phone call with the mother: no new concerns reported',
  'Text reminder sent for the next appointment',
  'Case note: discussed the plan with the team manager',
];

/** Contact no rule reads: not a visit or appointment, nothing missed. */
const INERT_SOURCES: readonly RoutineSource[] = [SOCIAL_CARE, AGENCY.healthVisiting, AGENCY.school, AGENCY.gp].flatMap((agency) => [
  { agency, type: 'phone_call' as const, visit: false, seen: INERT_TEXT.slice(0, 3) },
  { agency, type: 'other' as const, visit: false, seen: INERT_TEXT.slice(3) },
]);

function available(context: CaseContext, count: number): RoutineSource[] {
  // Busy days add calls and case notes; quiet ones are visits, appointments and school contact.
  return (count > 2 ? [...SOURCES, ...INERT_SOURCES] : SOURCES).filter((source) => {
    if (source.agency === AGENCY.gp) return true;
    return context.isOpen(source.agency) && context.roster.involved.includes(source.agency);
  });
}

/** Ordinary contact on one day, up to `count` entries: the bulk of any real chronology. */
export function routineDay(context: CaseContext, count: number): void {
  const { rng, writer } = context;
  const day = context.day;
  const pool = available(context, count);
  const chosen = new Map<string, RoutineSource>();
  for (let i = 0; i < count * 4 && chosen.size < count; i++) {
    const source = rng.pick(pool);
    if (!chosen.has(`${source.agency}/${source.type}`)) chosen.set(`${source.agency}/${source.type}`, source);
  }
  const times = [...chosen.values()].map(() => context.officeTime()).sort();
  [...chosen.values()].forEach((source, i) => {
    const stamp = (summary: string) => context.stamp(source.agency, day, summary, { time: times[i], recordedAfter: context.routineDelay() });
    if (source.visit && context.mayMissChild(source.agency, day) && source.missed && rng.chance(0.07)) {
      const [outcome, text] = rng.pick(source.missed);
      writer.contact(stamp(text), source.type, false, outcome);
      context.noteVisit(source.agency, false, true, day);
    } else if (source.visit && context.mayMissChild(source.agency, day) && source.unseen && rng.chance(0.05)) {
      writer.contact(stamp(rng.pick(source.unseen)), source.type, false);
      context.noteVisit(source.agency, false, false, day);
    } else {
      writer.contact(stamp(rng.pick(source.seen)), source.type, source.visit || source.type !== 'phone_call');
      if (source.visit) context.noteVisit(source.agency, true, false, day);
    }
  });
  context.finish(day);
}

/** A visit that sees the child: what an agency does before closing, so its last visit saw the child. */
export function seenVisit(context: CaseContext, agency: string, day: Day): void {
  const source = SOURCES.find((s) => s.agency === agency && s.visit);
  const type: ContactType = source?.type ?? 'home_visit';
  context.writer.contact(context.stamp(agency, day, source ? context.rng.pick(source.seen) : 'Home visit: child seen', { time: context.officeTime() }), type, true);
  context.noteVisit(agency, true, false, day);
}

/**
 * A contact no rule reads (a phone call or case note, not a visit, nothing missed): fills a case
 * to its exact size without changing what any detector should find.
 */
export function inertContact(context: CaseContext, day: Day): void {
  const agencies = context.openAgencies();
  const agency = agencies.length > 0 ? context.rng.pick(agencies) : AGENCY.gp;
  const type = context.rng.pick(['phone_call', 'other'] as const);
  context.writer.contact(context.stamp(agency, day, context.rng.pick(INERT_TEXT), { time: context.officeTime() }), type, false);
}
