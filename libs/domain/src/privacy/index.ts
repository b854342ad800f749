export * from './personal-data';
export * from './privacy.events';
export * from './privacy.decider';
