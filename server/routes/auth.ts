/**
 * Staff login and logout, and the guards every inbox route uses: a live session (cookie), and
 * for changes a CSRF token from the session row in a header plus a same-origin Origin.
 * Thin: domain/auth.ts and domain/sessions.ts decide.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../storage/database.js';
import type { ReceiverConfig } from '../config.js';
import { login } from '../domain/auth.js';
import { changeOwnPassword, MIN_PASSWORD_LENGTH } from '../domain/staff.js';
import { createSession, endSession, sessionOf, SESSION_MS, type Session } from '../domain/sessions.js';
import { logAccess, staffActor } from '../domain/access-log.js';
import { sameSecret } from '../domain/secrets.js';
import { clientNetwork } from '../domain/client-network.js';

declare module 'fastify' {
  interface FastifyRequest {
    staffSession?: Session;
  }
}

export const CSRF_HEADER = 'x-csrf-token';

/** With Secure, the __Host- prefix also tells browsers to refuse the cookie from any other path or domain. */
export const sessionCookieName = (config: ReceiverConfig): string => (config.secureCookies ? '__Host-cw_session' : 'cw_session');

/** Wrong current passwords a session may give when changing the password, before it ends. */
export const PASSWORD_CHANGES_PER_SESSION = 5;

/** Logins per minute from one address, across all accounts (domain/auth.ts guards each account). */
const LOGIN_ATTEMPTS_PER_MINUTE = 60;

export interface AuthOptions {
  store: Store;
  config: ReceiverConfig;
}

/** Set by the inbox on what it asks by itself (a list fetched after a poll saw a change): no staff action. */
export const AUTOMATIC_HEADER = 'x-inbox-automatic';

/**
 * Loads the session into request.staffSession; answers 401 without one. A request counts as
 * a staff action, moving the session's idle deadline on, unless `polled` (the list's version
 * poll) or the inbox marked it automatic.
 */
export function requireSession(store: Store, config: ReceiverConfig, { polled = false } = {}) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const active = !polled && request.headers[AUTOMATIC_HEADER] === undefined;
    const session = await sessionOf(store, request.cookies[sessionCookieName(config)], active ? { idleMs: config.sessionIdleMs } : undefined);
    if (!session) return reply.code(401).header('cache-control', 'no-store').send({ error: 'log in first' });
    request.staffSession = session;
  };
}

/**
 * A change must come from the inbox itself: the browser's Origin must be this receiver's
 * (its public address, or the host the request was sent to), so another site cannot post a
 * form here. Checked before the session, on login too.
 */
export function sameOrigin(config: ReceiverConfig) {
  const own = new URL(config.publicUrl).origin;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    const here = `${request.protocol}://${request.host}`;
    if (!origin || (origin !== own && origin !== here)) return reply.code(403).send({ error: 'cross-origin request refused' });
  };
}

/** After requireSession: the CSRF token of this session, in the X-CSRF-Token header. */
export async function requireCsrf(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.headers[CSRF_HEADER];
  const session = request.staffSession;
  if (!session || typeof token !== 'string' || !sameSecret(token, session.csrfToken)) {
    return reply.code(403).send({ error: 'missing or wrong CSRF token; reload the inbox' });
  }
}

export const authRoutes: FastifyPluginAsync<AuthOptions> = async (app: FastifyInstance, { store, config }) => {
  const cookieName = sessionCookieName(config);
  const loginLimit = app.createRateLimit({ max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: 60_000, keyGenerator: (request) => `login:${clientNetwork(request.ip)}` });

  app.post<{ Body: { email?: unknown; password?: unknown } }>(
    '/login',
    {
      onRequest: [
        sameOrigin(config),
        async (request, reply) => {
          const result = await loginLimit(request);
          if (!result.isAllowed && result.isExceeded) {
            return reply.code(429).header('retry-after', String(Math.max(1, result.ttlInSeconds))).send({ error: 'locked', retryAfterSeconds: result.ttlInSeconds });
          }
        },
      ],
      bodyLimit: 4096,
    },
    async (request, reply) => {
      const { email, password } = request.body ?? {};
      if (typeof email !== 'string' || typeof password !== 'string' || email.length > 320 || password.length > 1024) {
        return reply.code(400).send({ error: 'email and password are required' });
      }
      const result = await login(store, email, password, clientNetwork(request.ip));
      if (!result.ok) {
        if (result.staffId && result.siteId) {
          await logAccess(store, { siteId: result.siteId, actor: staffActor(result.staffId), action: 'login-failed', target: result.reason, ip: request.ip });
        }
        if (result.reason === 'locked') {
          return reply.code(429).header('retry-after', String(result.retryAfterSeconds)).send({ error: 'locked', retryAfterSeconds: result.retryAfterSeconds });
        }
        // The same answer whether the email has no account or the password is wrong (an unknown
        // email is counted as an account is, so triesLeft tells nothing either).
        return reply.code(401).send({ error: 'invalid', triesLeft: result.triesLeft });
      }
      await startSession(reply, result.staffId, result.passwordHash);
      await logAccess(store, { siteId: result.siteId, actor: staffActor(result.staffId), action: 'login', ip: request.ip });
      return reply.header('cache-control', 'no-store').send({ ok: true });
    },
  );

  /** A session for the browser of this reply, opened with the given password hash; answers its CSRF token. */
  async function startSession(reply: FastifyReply, staffId: string, passwordHash: string): Promise<string> {
    const session = await createSession(store, staffId, passwordHash, config.sessionIdleMs);
    reply.setCookie(cookieName, session.cookie, { httpOnly: true, secure: config.secureCookies, sameSite: 'strict', path: '/', maxAge: SESSION_MS / 1000 });
    return session.csrfToken;
  }

  /**
   * Staff change their own password: the current one is checked, every other session of the
   * account ends, and this browser gets a new one. Wrong current passwords are counted per
   * session, not against the account: after a few the session ends (a stolen one cannot go on
   * guessing), while the account's owner is not locked out of logging in and changing it.
   */
  const changeLimit = app.createRateLimit({
    max: PASSWORD_CHANGES_PER_SESSION,
    timeWindow: 15 * 60_000,
    keyGenerator: (request) => `password:${request.staffSession!.idHash}`,
  });
  app.post<{ Body: { current?: unknown; password?: unknown } }>(
    '/inbox/api/password',
    { onRequest: [sameOrigin(config), requireSession(store, config), requireCsrf], bodyLimit: 16_384 },
    async (request, reply) => {
      const s = request.staffSession!;
      const { current, password } = request.body ?? {};
      if (typeof current !== 'string' || typeof password !== 'string' || current.length > 1024 || password.length > 1024) {
        return reply.code(400).send({ error: 'current and password are required' });
      }
      if (password.length < MIN_PASSWORD_LENGTH) return reply.code(400).send({ error: 'too-short', minLength: MIN_PASSWORD_LENGTH });
      const tries = await changeLimit(request);
      if (!tries.isAllowed && tries.isExceeded) {
        await endSession(store, s.idHash);
        await logAccess(store, { siteId: s.siteId, actor: staffActor(s.staffId), action: 'logout', target: 'password-change tries', ip: request.ip });
        return reply.code(401).send({ error: 'log in first' });
      }
      const changed = await changeOwnPassword(store, s, current, password, request.ip);
      if (changed === 'wrong') {
        await logAccess(store, { siteId: s.siteId, actor: staffActor(s.staffId), action: 'login-failed', target: 'password-change', ip: request.ip });
        // Not 401: the session is still good; only the password given was wrong.
        return reply.code(403).send({ error: 'invalid' });
      }
      // Changed meanwhile (`staff password`, another browser): this session is over too.
      if (changed === 'gone') return reply.code(401).send({ error: 'log in first' });
      const csrfToken = await startSession(reply, s.staffId, changed.passwordHash);
      return reply.header('cache-control', 'no-store').send({ ok: true, csrfToken });
    },
  );

  app.post('/logout', { onRequest: [sameOrigin(config), requireSession(store, config), requireCsrf] }, async (request, reply) => {
    const session = request.staffSession!;
    await endSession(store, session.idHash);
    await logAccess(store, { siteId: session.siteId, actor: staffActor(session.staffId), action: 'logout', ip: request.ip });
    reply.clearCookie(cookieName, { httpOnly: true, secure: config.secureCookies, sameSite: 'strict', path: '/' });
    return { ok: true };
  });
};
