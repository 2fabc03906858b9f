import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../storage/database.js';

/** For load balancers and uptime checks: 200 once the database answers, 503 otherwise. */
export const healthRoutes: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  app.get('/healthz', { logLevel: 'warn' }, async (_request, reply) => {
    try {
      await store.ping();
      return { status: 'ok', engine: store.engine };
    } catch {
      return reply.code(503).send({ status: 'unavailable', engine: store.engine });
    }
  });
};
