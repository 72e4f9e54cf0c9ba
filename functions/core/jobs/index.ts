export * from './job.schema.js';
export * from './ports.js';
