import { parseConfig } from '../config.js';
import { buildInboundSmsDeps, handleInboundSmsEvent } from '../wiring/inbound-sms.js';
import { lazyStart } from '../wiring/lazy-start.js';

/** Texts to the two-way number, via an SNS topic: opt-out keywords put the sender on the opt-out list. */
const deps = lazyStart(() => buildInboundSmsDeps(parseConfig(process.env)));
export const handler = async (event: unknown) => handleInboundSmsEvent(await deps(), event);
