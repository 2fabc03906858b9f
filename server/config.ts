/**
 * The receiver's settings, all from the environment (twelve-factor), with their defaults in
 * one place. The README's table of variables lists these.
 */
export interface ReceiverConfig {
  port: number;
  host: string;
  databaseUrl: string;
  /** The address staff open, used in links in notifications. */
  publicUrl: string;
  /** Behind a load balancer or reverse proxy: which X-Forwarded-For hops to trust. */
  trustProxy: TrustProxy;
  /** Inquiries per minute from one IP address, and to one site from everywhere. */
  rateLimitPerIp: number;
  rateLimitPerSite: number;
  /** SMTP server for notification emails, e.g. smtp://user:pass@mail.example:587. */
  smtpUrl?: string;
  mailFrom: string;
  /** How often the notifier looks for notifications that are due (NOTIFY_POLL_MS). */
  notifyPollMs: number;
  /**
   * Retries of a notification whose target failed: the first after about NOTIFY_RETRY_BASE_MS,
   * doubling each time up to NOTIFY_RETRY_MAX_MS, and given up ('failed', shown in the inbox)
   * after NOTIFY_MAX_ATTEMPTS sends. The defaults (30 s, 1 h, 30) keep trying for about a day.
   */
  notifyRetryBaseMs: number;
  notifyRetryMaxMs: number;
  notifyMaxAttempts: number;
  logLevel: string;
  /** How long an inbox session lasts without a staff action (SESSION_IDLE_MS); the list's polls are none. */
  sessionIdleMs: number;
  /** Send session cookies with Secure; off only when the receiver is served on localhost. */
  secureCookies: boolean;
}

/** Which proxy hops to believe, as proxy-addr takes them: the address chain's index 0 is the socket's peer. */
export type TrustProxy = boolean | string | ((address: string, hop: number) => boolean);

/** Loopback and private addresses (IPv4, IPv6, IPv4-mapped): where a reverse proxy in front of us connects from. */
export function isPrivateAddress(address: string): boolean {
  const v4 = address.replace(/^::ffff:/i, '');
  if (/^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(v4)) return true;
  return /^(::1$|f[cd][0-9a-f]{2}:|fe[89ab][0-9a-f]:)/i.test(address);
}

/**
 * TRUST_PROXY: `true`, addresses or names (`loopback`, `10.0.0.0/8`, comma-separated), or a number
 * of proxies in front. Fastify takes a number to mean no proxy at all (it cannot check the peer),
 * which would leave every patient with the proxy's address: one rate limit for all, and the
 * proxy's address in the access log. So a number is that many hops, as in Express, but only when
 * the peer is a loopback or private address: a client that reaches the receiver directly (a
 * container's port left open) cannot pick its own address with X-Forwarded-For.
 */
function trustProxy(value: string | undefined): TrustProxy {
  if (!value || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (address, hop) => (hop === 0 ? isPrivateAddress(address) : hop < hops);
  }
  return value;
}

/** A whole number above zero from the environment, or the default. */
function positive(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : fallback;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ReceiverConfig {
  const port = env.PORT ? Number(env.PORT) : 8787;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT expects a port number from 1 to 65535; got ${JSON.stringify(env.PORT)}`);
  const host = env.HOST || '127.0.0.1';
  const publicUrl = (env.PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  const local = /^http:\/\/(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])(?::\d+)?$/.test(publicUrl);
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL ?? '',
    publicUrl,
    trustProxy: trustProxy(env.TRUST_PROXY),
    rateLimitPerIp: Number(env.RATE_LIMIT_PER_IP) || 20,
    rateLimitPerSite: Number(env.RATE_LIMIT_PER_SITE) || 600,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Consult Widget <no-reply@localhost>',
    notifyPollMs: positive(env.NOTIFY_POLL_MS, 2000),
    notifyRetryBaseMs: positive(env.NOTIFY_RETRY_BASE_MS, 30_000),
    notifyRetryMaxMs: positive(env.NOTIFY_RETRY_MAX_MS, 60 * 60_000),
    notifyMaxAttempts: positive(env.NOTIFY_MAX_ATTEMPTS, 30),
    logLevel: env.LOG_LEVEL || 'info',
    sessionIdleMs: positive(env.SESSION_IDLE_MS, 30 * 60_000),
    secureCookies: env.COOKIE_SECURE ? env.COOKIE_SECURE !== 'false' : !local,
  };
}
