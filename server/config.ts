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
  trustProxy: boolean | string | number;
  /** Inquiries per minute from one IP address, and to one site from everywhere. */
  rateLimitPerIp: number;
  rateLimitPerSite: number;
  /** SMTP server for notification emails, e.g. smtp://user:pass@mail.example:587. */
  smtpUrl?: string;
  mailFrom: string;
  logLevel: string;
  /** Send session cookies with Secure; off only when the receiver is served on localhost. */
  secureCookies: boolean;
}

function trustProxy(value: string | undefined): boolean | string | number {
  if (!value) return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ReceiverConfig {
  const port = Number(env.PORT) || 8787;
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
    logLevel: env.LOG_LEVEL || 'info',
    secureCookies: env.COOKIE_SECURE ? env.COOKIE_SECURE !== 'false' : !local,
  };
}
