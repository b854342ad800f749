export * from './chronology-columns';
export * from './chronology-row';
export * from './chronology-format-error';
export { parseChronologyCsv, type ParseChronologyOptions } from './parse-chronology-csv';
export { chronologyCells, chronologyCsvStream, formatChronologyCsv } from './format-chronology-csv';
