import { PdokUnavailableError } from './pdok.errors.js';

export interface HttpOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  /** Attempts in total, including the first. */
  attempts: number;
  /** Base delay between attempts; doubled each time, and replaced by Retry-After when PDOK sends one. */
  backoffMs: number;
  sleep: (ms: number) => Promise<void>;
}

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

/**
 * GET JSON with a timeout per attempt and retries on timeouts, network errors, 429 and 5xx. Reads are
 * idempotent, so retrying is safe. A 4xx other than 408/429 is returned to the caller as is.
 */
export async function getJson(url: URL, options: HttpOptions): Promise<{ status: number; body: unknown }> {
  let lastReason = 'unknown';
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    let retryAfterMs: number | null = null;
    try {
      const response = await options.fetch(url, {
        headers: { accept: 'application/geo+json, application/json' },
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (RETRYABLE.has(response.status)) {
        lastReason = `status ${response.status}`;
        const header = response.headers.get('retry-after');
        if (header && /^\d+$/.test(header)) retryAfterMs = Math.min(Number(header) * 1000, 30_000);
        await response.body?.cancel();
      } else {
        const text = await response.text();
        try {
          return { status: response.status, body: text ? JSON.parse(text) : null };
        } catch (error) {
          lastReason = 'invalid json';
          if (response.status < 500) {
            throw new PdokUnavailableError('PDOK answered with invalid JSON', {
              cause: error,
              userMessage: 'De adresdienst (PDOK) gaf een onleesbaar antwoord.',
              context: { status: response.status },
            });
          }
        }
      }
    } catch (error) {
      if (error instanceof PdokUnavailableError) throw error;
      lastReason = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
    }
    if (attempt < options.attempts) {
      await options.sleep(retryAfterMs ?? options.backoffMs * 2 ** (attempt - 1));
    }
  }
  throw new PdokUnavailableError(`PDOK unavailable: ${lastReason}`, {
    userMessage: 'De adresdienst (PDOK) is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.',
    context: { reason: lastReason, path: url.pathname },
  });
}
