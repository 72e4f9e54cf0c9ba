export * from './chromium-pdf-renderer.js';
