export * from './domain/principal';
