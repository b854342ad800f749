export * from './aggregation';
export * from './review-statistics.projection';
export * from './statistics-filter';
export * from './statistics-views';
export * from './statistics.reader';
