export * from './field-cipher';
export * from './subject-key-ring';
export * from './encrypting-event-store';
