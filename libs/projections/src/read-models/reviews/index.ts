export * from './reviews.projection';
export * from './reviews.reader';
