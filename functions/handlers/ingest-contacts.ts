import { parseConfig } from '../config.js';
import { buildIngestFunction, handleIngestEvent } from '../wiring/ingest-contacts.js';
import { lazyStart } from '../wiring/lazy-start.js';

/** The contact reader: requests of the web function and the contact-reading jobs it hands over. */
const ingest = lazyStart(() => buildIngestFunction(parseConfig(process.env)));
export const handler = async (event: unknown) => handleIngestEvent(await ingest(), event);
