export * from './outbox-mailer.js';
export * from './outbox-sms-gateway.js';
