/** The Child Safeguarding Practice Review Panel's six cross-cutting themes; ids are stable. */
export const PRACTICE_THEMES = {
  daily_life: "Understanding what the child's daily life is like",
  reluctant_engagement: 'Working with families where engagement is reluctant',
  critical_thinking: 'Critical thinking and challenge',
  changing_risk: 'Responding to changing risk and need',
  information_sharing: 'Sharing information in a timely and appropriate way',
  leadership_culture: 'Organisational leadership and culture',
} as const;

export type PracticeTheme = keyof typeof PRACTICE_THEMES;

export function isPracticeTheme(value: string): value is PracticeTheme {
  return Object.hasOwn(PRACTICE_THEMES, value);
}
