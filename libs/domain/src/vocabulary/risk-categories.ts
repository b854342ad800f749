/**
 * Risk categories: the children-in-need census "factors identified at assessment" (with their
 * census codes) plus the offence histories and housing instability that reviews keep finding
 * were known to one agency and not passed on.
 */
export const RISK_CATEGORIES = {
  alcohol_misuse: 1,
  drug_misuse: 2,
  domestic_abuse: 3,
  mental_health: 4,
  learning_disability: 5,
  physical_disability_or_illness: 6,
  young_carer: 7,
  missing: 10,
  sexual_exploitation: 11,
  trafficking: 12,
  gangs: 13,
  self_harm: 15,
  neglect: 16,
  emotional_abuse: 17,
  physical_abuse: 18,
  sexual_abuse: 19,
  other: 20,
  sexual_offence_history: null,
  violent_offence_history: null,
  housing_instability: null,
} as const satisfies Record<string, number | null>;

export type RiskCategory = keyof typeof RISK_CATEGORIES;

const BY_CODE = new Map<number, RiskCategory>();
for (const [id, code] of Object.entries(RISK_CATEGORIES)) {
  if (code !== null) BY_CODE.set(code, id as RiskCategory);
}

/**
 * Accepts an id (`mental_health`) or a census code, bare or with its A/B/C suffix saying
 * whether it concerns the child, a parent/carer or another household member (`4`, `4B`).
 * Returns null for anything else, so callers can name the bad value in their own error.
 */
export function parseRiskCategory(value: string): RiskCategory | null {
  const text = value.trim();
  if (Object.hasOwn(RISK_CATEGORIES, text)) return text as RiskCategory;
  const census = /^(\d{1,2})[ABC]?$/i.exec(text);
  return census ? (BY_CODE.get(Number(census[1])) ?? null) : null;
}
