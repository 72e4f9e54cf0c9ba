import { randomBytes } from 'node:crypto';
import type { Clock, Ids } from '../../core/clock.js';

export const systemClock: Clock = { now: () => new Date() };

/** 128 random bits in hex: unguessable, so ids can appear in URLs without enabling enumeration. */
export const randomIds: Ids = { next: () => randomBytes(16).toString('hex') };
