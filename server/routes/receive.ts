/**
 * POST /v1/sites/<siteId>/inquiries (a trailing slash is the same endpoint): the endpoint
 * agencies put in data-endpoint. Thin: the site, its origins and the rate limits are checked
 * before the body is read, then domain/receive.ts decides.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import formBody from '@fastify/formbody';
import { MAX_INQUIRY_BYTES } from '../../src/schema/inquiry.js';
import { fromFormBody } from '../../src/schema/form-encoding.js';
import type { Store } from '../storage/database.js';
import type { ReceiverConfig } from '../config.js';
import { getSite, SITE_ID, type Site } from '../domain/sites.js';
import { receiveInquiry } from '../domain/receive.js';
import { clientNetwork } from '../domain/client-network.js';

declare module 'fastify' {
  interface FastifyRequest {
    site?: Site;
  }
}

export interface ReceiveOptions {
  store: Store;
  config: ReceiverConfig;
}

const PATH = '/v1/sites/:siteId/inquiries';
/** PATH as a request's URL has it, with the site id. */
const INQUIRIES = /^\/v1\/sites\/([a-z0-9-]{1,40})\/inquiries\/?(?:[?#]|$)/;
/**
 * What a data-endpoint written slightly wrong points to: anything under /v1/sites/ (an upper-case
 * site id, a word too many or too few), or the endpoint without /v1.
 */
const ENDPOINT_LIKE = /^\/(?:v1\/sites\/|sites\/[^/?#]*\/inquiries\/?(?:[?#]|$))/;
const EXPECTED = 'data-endpoint must be <receiver address>/v1/sites/<site-id>/inquiries';

export const receiveRoutes: FastifyPluginAsync<ReceiveOptions> = async (app, { store, config }) => {
  app.decorateRequest('site', undefined);

  // The site first: CORS, the origin check and the per-site limit all depend on it.
  app.addHook('onRequest', async (request) => {
    // Preflights reach the CORS plugin's catch-all OPTIONS route, which has no :siteId.
    const siteId = (request.params as { siteId?: string }).siteId ?? INQUIRIES.exec(request.url)?.[1];
    if (siteId) request.site = await getSite(store, siteId);
  });

  // Any page may ask, and read the answer, never with credentials: refuseUnknownSiteOrOrigin
  // below refuses a post from a page that is not the site's own (403) or to no site (404). Were
  // the preflight refused instead, the widget could not read why: it would take the refusal for
  // a network failure, tell the patient the inquiry is saved and will be sent, and try again on
  // every page for a day, while nobody learned that the site's origins or id were wrong.
  // The same goes for a data-endpoint written slightly wrong: its post gets a 404 saying what
  // the endpoint looks like, where a refused preflight would look like the patient being offline.
  // (The plugin's preflight route answers every path of the app: only these say yes. The
  // inquiries API shares the endpoint's path, but not its method or its Authorization header,
  // and its answers carry no CORS headers, so no page can read it.)
  await app.register(cors, {
    delegator: async (request: FastifyRequest) => ({
      origin: ENDPOINT_LIKE.test(request.url),
      methods: ['POST'],
      allowedHeaders: ['Content-Type', 'Idempotency-Key'],
      // The widget waits as long as a 429 or 503 asks before trying again.
      exposedHeaders: ['Retry-After'],
      credentials: false,
      maxAge: 600,
    }),
  });

  // Text bodies are not inquiries: with its parser gone, text/plain gets 415 like any other type.
  app.removeContentTypeParser('text/plain');
  await app.register(formBody, { parser: (body: string) => fromFormBody(body) ?? { invalid: true }, bodyLimit: MAX_INQUIRY_BYTES });

  // Two limits on one request: one address sending many, and one site flooded from many.
  const limits = [
    app.createRateLimit({ max: config.rateLimitPerIp, timeWindow: 60_000, keyGenerator: (request) => `ip:${clientNetwork(request.ip)}` }),
    app.createRateLimit({ max: config.rateLimitPerSite, timeWindow: 60_000, keyGenerator: (request) => `site:${request.site?.id}` }),
  ];
  const rateLimited = async (request: FastifyRequest, reply: FastifyReply) => {
    for (const limit of limits) {
      const result = await limit(request);
      if (!result.isAllowed && result.isExceeded) {
        const seconds = Math.max(1, result.ttlInSeconds);
        return reply.code(429).header('retry-after', String(seconds)).send({ error: `too many inquiries; try again in ${seconds} s` });
      }
    }
  };

  const receive = async (request: FastifyRequest, reply: FastifyReply) => {
    const key = request.headers['idempotency-key'];
    const result = await receiveInquiry(store, request.site!, request.body, typeof key === 'string' ? key : undefined);
    if (result.status === 201) request.log.info({ site: request.site!.id, inquiry: result.body.id }, 'inquiry received');
    return reply.code(result.status).send(result.body);
  };
  for (const path of [PATH, `${PATH}/`]) {
    app.post(path, { bodyLimit: MAX_INQUIRY_BYTES, onRequest: [refuseUnknownSiteOrOrigin, rateLimited] }, receive);
    // The widget asks with HEAD why posts from a page never got an answer (src/delivery/send.ts):
    // one it may read says the address and CORS are right, and the network was to blame.
    app.head(path, async (_request, reply) => reply.code(204).send());
  }
  // Before the body is read: whatever was sent, the answer is where to send it.
  for (const path of ['/v1/sites/*', '/sites/:siteId/inquiries', '/sites/:siteId/inquiries/']) {
    app.post(path, { onRequest: async (_request, reply) => reply.code(404).send({ error: `not an inquiry endpoint: ${EXPECTED}` }) }, async () => undefined);
  }
};

/**
 * The origins each site refused this hour: each is logged once, and at most MAX_NAMED a site, so
 * that posts with made-up origins can neither flood the log nor use the warning up for good.
 */
const refusedOrigins = new Map<string, Set<string>>();
let refusedHour = 0;
const MAX_NAMED = 20;

function noteRefusedOrigin(request: FastifyRequest, site: string, origin: string): void {
  const hour = Math.floor(Date.now() / 3_600_000);
  if (hour !== refusedHour) {
    refusedOrigins.clear();
    refusedHour = hour;
  }
  let seen = refusedOrigins.get(site);
  if (!seen) refusedOrigins.set(site, (seen = new Set()));
  if (seen.has(origin) || seen.size > MAX_NAMED) return;
  seen.add(origin);
  // A clinic page served from an address the site does not list (www. left out) loses every
  // inquiry: say which, where the agency looks. An origin is no patient's data.
  if (seen.size > MAX_NAMED) request.log.warn({ site }, `inquiries refused from more than ${MAX_NAMED} origins this hour; the others are not named`);
  else request.log.warn({ site, origin }, 'inquiry refused: the site does not list this origin (site update --add-origin)');
}

async function refuseUnknownSiteOrOrigin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const site = request.site;
  if (!site) {
    const id = (request.params as { siteId: string }).siteId;
    const hint = SITE_ID.test(id) ? 'check the site id' : 'site ids are lower-case letters, digits and "-"';
    return reply.code(404).send({ error: `no such site: ${hint}; ${EXPECTED}` });
  }
  // Browsers send Origin with every cross-origin POST; requests without one come from servers
  // and scripts (curl, a clinic's own back end), which CORS does not concern.
  const origin = request.headers.origin;
  if (origin !== undefined && !site.origins.includes(origin)) {
    const shown = origin.slice(0, 100);
    noteRefusedOrigin(request, site.id, shown);
    return reply.code(403).send({ error: `origin ${shown} may not post to site ${site.id}` });
  }
}
