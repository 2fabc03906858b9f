/**
 * When to try a failed notification again: exponential backoff with jitter. The delay doubles
 * from `baseMs` with each failed attempt up to `maxMs`, and each is drawn between three
 * quarters of that and all of it, so the retries of many notifications that failed together
 * (a webhook that was down) do not all arrive together when it comes back.
 */
export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/** The wait after the `attempt`-th failed send (1 for the first), in milliseconds. */
export function retryDelayMs(attempt: number, { baseMs, maxMs }: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 40));
  return Math.round(ceiling * (0.75 + 0.25 * random()));
}
