export * from './job-event.js';
export * from './lambda-job-runner.js';
