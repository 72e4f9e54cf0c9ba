import type { RateLimitStore } from '../../core/ports.js';

/** Entries kept before expired windows are dropped (and, if that is not enough, all of them). */
const MAX_ENTRIES = 100_000;

/**
 * Rate-limit counters in this process's memory: right for one process alone (a single embedded server, a
 * test), wrong behind several instances, where each would count only its own share.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, { openedAt: number; hits: number; endsAt: number }>();

  async take(key: string, limit: number, windowMs: number, now: Date): Promise<boolean> {
    const at = now.getTime();
    const entry = this.#windows.get(key);
    if (!entry || at - entry.openedAt >= windowMs) {
      if (limit < 1) return false;
      this.#makeRoom(at);
      this.#windows.set(key, { openedAt: at, hits: 1, endsAt: at + windowMs });
      return true;
    }
    if (entry.hits >= limit) return false;
    entry.hits++;
    return true;
  }

  #makeRoom(at: number): void {
    if (this.#windows.size < MAX_ENTRIES) return;
    for (const [key, entry] of this.#windows) if (entry.endsAt <= at) this.#windows.delete(key);
    if (this.#windows.size >= MAX_ENTRIES) this.#windows.clear();
  }
}
