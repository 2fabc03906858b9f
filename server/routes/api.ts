/**
 * GET /v1/sites/<siteId>/inquiries for a clinic's own tools, with a bearer token made by
 * `npm run receiver -- token add <siteId>`: JSON newest first, or CSV with ?format=csv.
 * No or unknown token: 401; a token of another site: 403. Every call is in the access log.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../storage/database.js';
import { siteOfToken, tokenActor } from '../domain/tokens.js';
import { cursorText, describeFilter, filterOf, MAX_EXPORT, queryCount, queryText } from '../domain/inbox.js';
import { exportCsv, exportJson, planExport } from '../domain/export.js';
import { logAccess } from '../domain/access-log.js';

export const apiRoutes: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  // No HEAD of its own: the inquiries' route answers HEAD at this address, with CORS (receive.ts).
  app.get<{ Params: { siteId: string }; Querystring: Record<string, unknown> }>('/v1/sites/:siteId/inquiries', { exposeHeadRoute: false }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    const tokenSite = token ? await siteOfToken(store, token) : undefined;
    if (!token || !tokenSite) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="inquiries"').send({ error: 'a bearer token is required (npm run receiver -- token add <siteId>)' });
    }
    if (tokenSite !== request.params.siteId) return reply.code(403).send({ error: 'this token belongs to another site' });
    // The API sees spam too (flagged), so a clinic's tools get everything the inbox has.
    const filter = filterOf(request.query, 'all');
    const limit = queryCount(request.query.limit, MAX_EXPORT, MAX_EXPORT);
    const plan = await planExport(store, tokenSite, filter, limit);
    const csv = queryText(request.query.format) === 'csv';
    await logAccess(store, {
      siteId: tokenSite,
      actor: tokenActor(token),
      action: filter.q ? 'search' : csv ? 'export' : 'list',
      target: `${describeFilter(filter)} rows=${plan.ids.length}${csv ? ' csv' : ''}`,
      ip: request.ip,
    });
    // Older inquiries than these match too: a client asks again with before=<next> for them. (A
    // date would not do: inquiries of one millisecond would fall between two answers.)
    if (plan.next) reply.header('x-more-inquiries', 'true').header('x-next-before', cursorText(plan.next));
    // Streamed, page by page: a large export neither holds the receiver nor its memory.
    if (csv) {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="inquiries-${tokenSite}.csv"`)
        .send(exportCsv(store, tokenSite, plan));
    }
    return reply.type('application/json; charset=utf-8').send(exportJson(store, tokenSite, plan));
  });
};
