export * from './lambda-pdf-renderer.js';
export * from './protocol.js';
export * from './render-pdf-object.js';
