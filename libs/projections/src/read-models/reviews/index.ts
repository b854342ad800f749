export * from './reviews.projection';
export * from './reviews.reader';
export * from './review-export';
