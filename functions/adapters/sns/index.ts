export * from './delivery-status-log.js';
export * from './inbound-sms.js';
export * from './sns-client.js';
export * from './sns-errors.js';
export * from './sns-sms-gateway.js';
