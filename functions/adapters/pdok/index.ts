export * from './pdok.errors.js';
export * from './pdok-address-source.js';
