export * from './ses-errors.js';
export * from './ses-mailer.js';
