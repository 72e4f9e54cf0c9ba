export * from './audit-csv.js';
export * from './audit-event.schema.js';
export * from './free-text.js';
