/**
 * Work the receiver does on its own while it serves: each job runs at an interval, never two
 * runs of one job at once, and a failing run is logged (without data) and tried next time.
 * Several processes may run the same jobs on PostgreSQL; each job is safe for that.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from './storage/database.js';
import type { ReceiverConfig } from './config.js';
import { pruneRateLimits } from './storage/rate-limit-store.js';
import { notifierJob } from './domain/notify/notifier.js';
import { runRetention } from './domain/retention.js';
import { pruneSessions } from './domain/sessions.js';

export interface Job {
  name: string;
  everyMs: number;
  /** log: the receiver's logger, for what a job reports beyond failing (never patient data). */
  run(log: FastifyBaseLogger): Promise<unknown>;
}

export function receiverJobs(store: Store, config: ReceiverConfig): Job[] {
  return [
    // Emails and webhooks for new inquiries, from the outbox (domain/notify/notifier.ts).
    notifierJob(store, config),
    { name: 'prune-rate-limits', everyMs: 10 * 60_000, run: () => pruneRateLimits(store) },
    // Inquiries past their site's retention period, and access records past two years.
    { name: 'retention', everyMs: 24 * 60 * 60_000, run: () => runRetention(store) },
    { name: 'prune-sessions', everyMs: 60 * 60_000, run: () => pruneSessions(store) },
    // A deletion's scrub that a reader (a backup) held back, or that the receiver's command made
    // while the receiver ran: the deleted rows leave the files within minutes.
    { name: 'scrub', everyMs: 5 * 60_000, run: () => store.scrub() },
  ];
}

/** Starts the jobs; the returned function stops them and waits for runs under way. */
export function startJobs(jobs: Job[], log: FastifyBaseLogger): () => Promise<void> {
  const running = new Set<Promise<unknown>>();
  const timers = jobs.map((job) => {
    let busy = false;
    const tick = () => {
      if (busy) return;
      busy = true;
      const run = job
        .run(log)
        .catch((error: Error) => log.error({ job: job.name, type: error.name, code: (error as { code?: string }).code }, 'job failed'))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
    setTimeout(tick, 0);
    return setInterval(tick, job.everyMs);
  });
  return async () => {
    timers.forEach(clearInterval);
    await Promise.all(running);
  };
}
