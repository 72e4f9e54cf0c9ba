import { parseConfig } from '../config.js';
import { startApi } from '../wiring/api.js';

/** The web application behind the HTTP API, and the letter jobs it hands to itself; wired at cold start. */
export const handler = await startApi(parseConfig(process.env));
