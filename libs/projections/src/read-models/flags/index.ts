export * from './child-evaluation';
export * from './flag-refresher';
export * from './flags.projection';
