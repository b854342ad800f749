export * from './config';
export * from './config-error';
export * from './load-config';
