export * from './address-index.js';
export * from './address-store.js';
export * from './bag-file.errors.js';
export * from './demo-neighbourhood.js';
export * from './parse-address-csv.js';
export * from './rd.js';
