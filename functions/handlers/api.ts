import { handle } from 'hono/aws-lambda';
import { parseConfig } from '../config.js';
import { awsDeps } from '../deps.js';
import { createApp } from '../http/app.js';
import { loadStylesheet } from '../http/stylesheet.js';

/** The web application behind the HTTP API: the same Hono app as locally, wired to AWS at cold start. */
const config = parseConfig(process.env);
const app = createApp(await awsDeps(config), { stylesheet: loadStylesheet(config.STYLESHEET_DIR) });

export const handler = handle(app);
