/**
 * A store for @fastify/rate-limit that keeps its counters in the database, so several receiver
 * processes on one PostgreSQL share one limit. Fixed windows: one row per key and window.
 */
import { sql } from 'kysely';
import type { Store } from './database.js';

interface Counter {
  current: number;
  ttl: number;
}

type Callback = (error: Error | null, result?: Counter) => void;

export function databaseRateLimitStore(store: Store) {
  return class DatabaseRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number): void {
      const now = Date.now();
      const windowEnd = (Math.floor(now / timeWindow) + 1) * timeWindow;
      store.db
        .transaction()
        .execute(async (trx) => {
          // A counter is not worth a synchronous disk flush; the inquiries still get one.
          if (store.engine === 'postgres') await sql`SET LOCAL synchronous_commit TO OFF`.execute(trx);
          return trx
            .insertInto('rate_limits')
            .values({ key: `${key}@${windowEnd}`, count: 1, expires_at: new Date(windowEnd).toISOString() })
            .onConflict((oc) => oc.column('key').doUpdateSet({ count: sql`rate_limits.count + 1` }))
            .returning('count')
            .executeTakeFirstOrThrow();
        })
        .then((row) => callback(null, { current: Number(row.count), ttl: windowEnd - now }), callback);
    }

    child(): DatabaseRateLimitStore {
      return this;
    }
  };
}

export async function pruneRateLimits(store: Store): Promise<void> {
  await store.db.deleteFrom('rate_limits').where('expires_at', '<', new Date().toISOString()).execute();
}
