export * from './outbox-sms-gateway.js';
