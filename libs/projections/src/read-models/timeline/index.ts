export * from './timeline.projection';
export * from './timeline.reader';
