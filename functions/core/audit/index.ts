export * from './actor-names.js';
export * from './audit-csv.js';
export * from './audit-event.schema.js';
export * from './audit-filters.js';
export * from './audit-row.js';
export * from './event-details.js';
export * from './event-names.js';
export * from './free-text.js';
