export type {
  ChronologyFilter,
  ChronologyFinding,
  ChronologyRowFinding,
  ChronologyRowFlag,
  IntegratedChronologyInput,
  IntegratedChronologyRow,
} from './chronology-row';
export { integratedChronologyRows } from './integrated-chronology';
export { chronologyCsv, CHRONOLOGY_EXPORT_HEADINGS, type ChronologyCsvOptions } from './chronology-csv';
export { chronologyHtml, type ChronologyHtmlMeta } from './chronology-html';
export { occurredWords } from './words';
