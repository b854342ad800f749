export { SYNTHETIC_AGENCIES, SYNTHETIC_AGENCY_IDS, type AgencyRole, type SyntheticAgency } from './agencies';
export {
  allRows,
  caseRows,
  casesCsv,
  casesCsvStream,
  generateCases,
  generateCaseStream,
  MAX_ENTRIES_PER_CASE,
  MIN_ENTRIES_PER_CASE,
  type CaseStreamOptions,
  type GenerateCasesOptions,
  type GeneratedCases,
} from './generate';
export { Random } from './random';
export { RULE_IDS, type EvidenceRef, type InjectedPattern, type RuleId, type SyntheticCase } from './synthetic-case';
