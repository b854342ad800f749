export * from './audit.projection';
export * from './audit.reader';
