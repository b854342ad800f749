export * from './applied-events.projection';
