/**
 * The staff inbox: the built Lit app (dist/inbox) at /inbox and /login, and the JSON it reads
 * at /inbox/api/…. Every route reads the site from the session, never from the request, and
 * writes what staff looked at or changed to the access log. Thin: domain/inbox.ts decides.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { Store } from '../storage/database.js';
import type { ReceiverConfig } from '../config.js';
import { authRoutes, requireCsrf, requireSession, sameOrigin } from './auth.js';
import { logAccess, staffActor, type AccessAction, type Changer } from '../domain/access-log.js';
import {
  addNote,
  arrivedSince,
  MAX_EXPORT,
  formsOf,
  getInquiry,
  inboxVersion,
  describeFilter,
  filterOf,
  isStatus,
  listInquiries,
  queryCount,
  MAX_NOTE,
  parseIsoInstant,
  queryText,
  setStatus,
  STATUSES,
} from '../domain/inbox.js';
import { exportCsv, planExport } from '../domain/export.js';
import { exportFileName } from '../domain/csv.js';
import { cleanText } from '../../src/delivery/text.js';
import { deletePatient } from '../domain/patients.js';
import { phoneDigits } from '../domain/phones.js';
import { getSite } from '../domain/sites.js';

/** Where `npm run build:inbox` puts the app. */
export const INBOX_DIST = fileURLToPath(new URL('../../dist/inbox/', import.meta.url));

/**
 * The inbox runs no inline script or style (Lit adopts constructed style sheets), talks only to
 * this receiver, and may not be framed. Trusted Types leave Lit's own policy as the only way
 * to make HTML from strings, so nothing patients typed can become markup.
 */
export const INBOX_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

export interface InboxOptions {
  store: Store;
  config: ReceiverConfig;
}

type Query = Record<string, unknown>;
/** A JSON body's filters; anything but an object is no filter. */
const bodyObject = (body: unknown): Query => (body && typeof body === 'object' && !Array.isArray(body) ? (body as Query) : {});

export const inboxRoutes: FastifyPluginAsync<InboxOptions> = async (app, { store, config }) => {
  await app.register(cookie);

  // Inbox pages and answers carry patient data: never cached, never framed, never sniffed.
  app.addHook('onSend', async (request, reply) => {
    reply.header('content-security-policy', INBOX_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (!request.url.startsWith('/inbox/assets/')) reply.header('cache-control', 'no-store');
  });

  await app.register(authRoutes, { store, config });

  // The app: hashed assets from dist/inbox/assets, and its page at /inbox and /login.
  const built = existsSync(INBOX_DIST);
  await app.register(fastifyStatic, { root: INBOX_DIST, prefix: '/inbox/', serve: false });
  const page = async (_request: FastifyRequest, reply: FastifyReply) => {
    if (!built || !existsSync(`${INBOX_DIST}index.html`)) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The inbox is not built: run `npm run build:inbox`.');
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  };
  app.get('/login', page);
  app.get('/inbox', page);
  app.get('/inbox/', page);
  app.get<{ Params: { '*': string } }>('/inbox/assets/*', async (request, reply) => {
    const file = request.params['*'];
    if (!/^[\w.-]+$/.test(file)) return reply.code(404).send({ error: 'not found' });
    return reply.sendFile(`assets/${file}`, { maxAge: 365 * 24 * 3600 * 1000, immutable: true });
  });

  const session = requireSession(store, config);
  const change = { onRequest: [sameOrigin(config), session, requireCsrf] };
  const log = (request: FastifyRequest, action: AccessAction, target?: string) => {
    const s = request.staffSession!;
    return logAccess(store, { siteId: s.siteId, actor: staffActor(s.staffId), action, target, ip: request.ip });
  };
  const changer = (request: FastifyRequest): Changer => ({ actor: staffActor(request.staffSession!.staffId), ip: request.ip });

  app.get('/inbox/api/session', { onRequest: session }, async (request) => {
    const s = request.staffSession!;
    const site = await getSite(store, s.siteId);
    return { email: s.email, siteId: s.siteId, siteName: site?.name ?? s.siteId, csrfToken: s.csrfToken, statuses: STATUSES, forms: await formsOf(store, s.siteId) };
  });

  // Polled every few seconds: no patient data in the answer, so not an access to log. With
  // `since`, also how many inquiries arrived after it: a tab nobody looks at counts them for its
  // title without fetching (and logging a read of) a list that nobody sees.
  // Not a staff action either: a screen left open must still time out (auth.ts requireSession).
  app.get<{ Querystring: { since?: unknown } }>('/inbox/api/version', { onRequest: requireSession(store, config, { polled: true }), logLevel: 'warn' }, async (request) => {
    const siteId = request.staffSession!.siteId;
    const since = parseIsoInstant(queryText(request.query.since));
    return { version: await inboxVersion(store, siteId), ...(since ? { arrived: await arrivedSince(store, siteId, since) } : {}) };
  });

  // The inbox POSTs its filters (…/search, and the export): a search term, a patient's name or
  // number, in a URL would be written to the access log of any proxy in front of the receiver.
  // The GETs stay for scripts and links without one.
  const list = async (request: FastifyRequest, query: Query) => {
    const filter = filterOf(query);
    const offset = queryCount(query.offset, 1_000_000, 0);
    const result = await listInquiries(store, request.staffSession!.siteId, filter, { limit: 50, offset });
    await log(request, filter.q ? 'search' : 'list', `${describeFilter(filter)} offset=${offset}`);
    // The list tells staff when an export of it would stop short.
    return { ...result, exportLimit: MAX_EXPORT };
  };
  app.get<{ Querystring: Query }>('/inbox/api/inquiries', { onRequest: session }, (request) => list(request, request.query));
  app.post<{ Body: Query }>('/inbox/api/inquiries/search', change, (request) => list(request, bodyObject(request.body)));

  const exportFile = async (request: FastifyRequest, reply: FastifyReply, query: Query) => {
    const filter = filterOf(query);
    const s = request.staffSession!;
    const plan = await planExport(store, s.siteId, filter);
    await log(request, 'export', `${describeFilter(filter)} rows=${plan.ids.length}`);
    if (plan.more) reply.header('x-more-inquiries', 'true');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${exportFileName(s.siteId)}"`)
      .send(exportCsv(store, s.siteId, plan));
  };
  app.get<{ Querystring: Query }>('/inbox/api/export.csv', { onRequest: session }, (request, reply) => exportFile(request, reply, request.query));
  app.post<{ Body: Query }>('/inbox/api/export.csv', change, (request, reply) => exportFile(request, reply, bodyObject(request.body)));

  app.get<{ Params: { id: string } }>('/inbox/api/inquiries/:id', { onRequest: session }, async (request, reply) => {
    const detail = await getInquiry(store, request.staffSession!.siteId, request.params.id);
    if (!detail) return reply.code(404).send({ error: 'no such inquiry' });
    await log(request, 'view', detail.id);
    return detail;
  });

  app.post<{ Params: { id: string }; Body: { status?: unknown } }>('/inbox/api/inquiries/:id/status', change, async (request, reply) => {
    const status = request.body?.status;
    if (!isStatus(status)) return reply.code(400).send({ error: `status is one of ${STATUSES.join(', ')}` });
    if (!(await setStatus(store, request.staffSession!.siteId, request.params.id, status, changer(request)))) return reply.code(404).send({ error: 'no such inquiry' });
    return { ok: true, status };
  });

  app.post<{ Params: { id: string }; Body: { text?: unknown } }>('/inbox/api/inquiries/:id/notes', change, async (request, reply) => {
    const text = typeof request.body?.text === 'string' ? cleanText(request.body.text) : '';
    if (!text || text.length > MAX_NOTE) return reply.code(400).send({ error: `a note is 1 to ${MAX_NOTE} characters` });
    const s = request.staffSession!;
    const id = await addNote(store, s.siteId, request.params.id, s, text, changer(request));
    if (!id) return reply.code(404).send({ error: 'no such inquiry' });
    return reply.code(201).send({ id });
  });

  app.post<{ Body: { phone?: unknown } }>('/inbox/api/patients/delete', change, async (request, reply) => {
    const phone = request.body?.phone;
    if (typeof phone !== 'string' || !phoneDigits(phone)) return reply.code(400).send({ error: 'a phone number such as 010-1234-5678 or +81 90-1234-5678' });
    const deleted = await deletePatient(store, request.staffSession!.siteId, phone, changer(request));
    return { deleted };
  });
};
