import type { QuietHours } from './campaign.schema.js';

/** Monday to Saturday: a message on Sunday morning feels more intrusive than the rest of the week. */
export const DEFAULT_SEND_DAYS: readonly number[] = [1, 2, 3, 4, 5, 6];

/** 09:00–20:00 in Amsterdam: nobody is woken or disturbed at night. */
export const DEFAULT_QUIET_HOURS: QuietHours = {
  start: '09:00',
  end: '20:00',
  days: [...DEFAULT_SEND_DAYS],
  timeZone: 'Europe/Amsterdam',
};

export const DEFAULT_RATE_PER_SECOND = 10;
