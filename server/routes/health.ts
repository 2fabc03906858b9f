import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../storage/database.js';
import { notificationHealth } from '../domain/outbox.js';

/**
 * For load balancers and uptime checks: 200 once the database answers, 503 otherwise. Failing
 * notifications make it "degraded", still 200: the receiver takes inquiries and must stay in the
 * load balancer, but a check on the status tells the agency that clinics are not being told
 * (a wrong SMTP password is otherwise retried for a day in silence). Counts only, of all sites.
 */
export const healthRoutes: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  app.get('/healthz', { logLevel: 'warn' }, async (_request, reply) => {
    try {
      await store.ping();
      const notifications = await notificationHealth(store.db);
      const failing = notifications.retrying > 0 || notifications.failedLastDay > 0;
      return { status: failing ? 'degraded' : 'ok', engine: store.engine, notifications };
    } catch {
      return reply.code(503).send({ status: 'unavailable', engine: store.engine });
    }
  });
};
