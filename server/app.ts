/**
 * Builds the receiver's Fastify app. main.ts starts it; tests start it on a free port.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Store } from './storage/database.js';
import type { ReceiverConfig } from './config.js';
import { databaseRateLimitStore } from './storage/rate-limit-store.js';
import { healthRoutes } from './routes/health.js';
import { receiveRoutes } from './routes/receive.js';
import { inboxRoutes } from './routes/inbox.js';
import { apiRoutes } from './routes/api.js';

export interface AppOptions {
  store: Store;
  config: ReceiverConfig;
  /** false for silence (tests), or pino options. */
  logger?: FastifyServerOptions['logger'];
}

/**
 * Logs name the request, never what it carries: no query strings (an inbox search is a
 * patient's name), no bodies, and error messages only for server faults (a JSON parse error
 * quotes the body it choked on).
 */
const serializers: Record<string, (value: never) => unknown> = {
  req: (request: { method: string; url: string; ip?: string }) => ({ method: request.method, path: request.url.split('?')[0], ip: request.ip }),
  res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
  err: (error: { name?: string; code?: string; statusCode?: number; message?: string }) => ({
    type: error.name,
    code: error.code,
    statusCode: error.statusCode,
    ...((error.statusCode ?? 500) >= 500 ? { message: error.message } : {}),
  }),
};

export async function buildApp({ store, config, logger = false }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger && typeof logger === 'object' ? ({ ...logger, serializers } as FastifyServerOptions['logger']) : logger,
    trustProxy: config.trustProxy,
    // Every body the receiver takes is small; the inquiry route narrows this to 16 KB.
    bodyLimit: 64 * 1024,
  });

  await app.register(rateLimit, {
    global: false,
    // PostgreSQL: counters in the database, shared by every receiver process. SQLite is one
    // process's file, so its counters stay in memory and spare the disk a flush per request.
    ...(store.engine === 'postgres' ? { store: databaseRateLimitStore(store) } : {}),
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const message =
      status === 413
        ? 'the inquiry is larger than 16 KB'
        : status === 415
          ? 'send application/json or application/x-www-form-urlencoded'
          : status === 400
            ? 'the body could not be read'
            : status >= 500
                ? 'the receiver could not store this now; try again'
                : 'request refused';
    return reply.code(status).send({ error: message });
  });

  // Fastify's own 404 logs and answers the whole URL, query string included (a search term, a
  // phone number in a mistyped address); this one leaves the log to the request serializers.
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not found' }));

  await app.register(healthRoutes, { store });
  await app.register(receiveRoutes, { store, config });
  await app.register(inboxRoutes, { store, config });
  await app.register(apiRoutes, { store });
  return app;
}
