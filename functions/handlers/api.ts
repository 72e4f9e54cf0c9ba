import { handle } from 'hono/aws-lambda';
import { isJobEvent } from '../adapters/lambda-jobs/job-event.js';
import { parseConfig } from '../config.js';
import { awsDeps } from '../deps.js';
import { createApp } from '../http/app.js';
import { loadStylesheet } from '../http/stylesheet.js';
import { handleLetterJob } from './letter-jobs.js';

/**
 * The web application behind the HTTP API: the same Hono app as locally, wired to AWS at cold start. The
 * same function runs the letter jobs it hands to itself (an asynchronous call with `{ perspectiefJob }`),
 * outside any request, so a print view or PDF of thousands of letters meets no 29-second or 6 MB limit.
 */
const config = parseConfig(process.env);
const deps = await awsDeps(config);
const http = handle(createApp(deps, { stylesheet: loadStylesheet(config.STYLESHEET_DIR) }));

export const handler = async (event: unknown, context?: unknown) => {
  if (isJobEvent(event)) {
    await handleLetterJob(deps, event);
    return;
  }
  return http(event as Parameters<typeof http>[0], context as Parameters<typeof http>[1]);
};
