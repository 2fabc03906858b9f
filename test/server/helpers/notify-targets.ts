/**
 * What notifications are sent to in tests: a real SMTP server (smtp-server) that keeps each
 * message, and a webhook HTTP server that keeps each request; either can be told to fail the
 * next requests in a given way. Both on free loopback ports.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { freePort } from './ports.js';

export interface Mail {
  messageId: string;
  delivery: string;
  to: string[];
  subject: string;
  /** The From header, decoded. */
  from: string;
  /** The decoded text body. */
  text: string;
  contentType: string;
  /** The message as it came over SMTP. */
  raw: string;
}

export interface SmtpSession {
  opened: number;
  closed?: number;
}

/**
 * An SMTP server (smtp-server) on loopback that keeps what it accepts, with the faults of real
 * ones on demand: slow answers, addresses refused at RCPT TO (greylisting's 450, an unknown
 * mailbox's 550), a refused or held-back reply to a message.
 */
export interface Mailbox {
  url: string;
  /** Messages it accepted (answered 250 to the end of DATA), each with the addresses it took. */
  mails: Mail[];
  sessions: SmtpSession[];
  /** SMTP reply codes for the next messages' DATA, in order (e.g. [451, 550]); then accept. */
  failNext(codes: number[]): void;
  /** How many DATA commands it has answered, failed or not. */
  attempts(): number;
  /** The first `count` connections from now answer each MAIL FROM, RCPT TO and end of DATA after `ms`. */
  slow(count: number, ms: number): void;
  /** The RCPT TO replies for an address, in order (250 accepts); then it accepts. */
  refuse(address: string, codes: number[]): void;
  /** Holds the reply to the next message; `arrived` once it has come in full. */
  holdNext(): { arrived(): boolean; release(): void };
  close(): Promise<void>;
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=), as nodemailer writes subjects. */
function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, _charset: string, kind: string, text: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
  );
}

/** A single-part message, as the notifier sends it: headers (unfolded) and the decoded body. */
export function parseMail(raw: string): Omit<Mail, 'to'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1')
        : Buffer.from(body, 'utf8');
  return {
    messageId: headers.get('message-id') ?? '',
    delivery: headers.get('x-consult-delivery') ?? '',
    subject: decodeWords(headers.get('subject') ?? ''),
    from: decodeWords(headers.get('from') ?? ''),
    contentType: headers.get('content-type') ?? '',
    text: bytes.toString('utf8').replace(/\r\n/g, '\n'),
    raw,
  };
}

const refused = (code: number) => Object.assign(new Error('refused by the test server'), { responseCode: code });

export async function startMailbox(): Promise<Mailbox> {
  const mails: Mail[] = [];
  const sessions: SmtpSession[] = [];
  const byId = new Map<string, SmtpSession & { delay: number }>();
  const refusals = new Map<string, number[]>();
  let failures: number[] = [];
  let attempts = 0;
  let slow = { count: 0, ms: 0 };
  let hold: { arrived: boolean; released: Promise<void>; release(): void } | undefined;
  const later = (id: string, then: () => void) => {
    const delay = byId.get(id)?.delay ?? 0;
    if (delay) setTimeout(then, delay);
    else then();
  };
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no certificate to trust, nothing to log in with.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(session, callback) {
      const record = { opened: Date.now(), delay: slow.count-- > 0 ? slow.ms : 0 };
      byId.set(session.id, record);
      sessions.push(record);
      callback();
    },
    onClose(session) {
      const record = byId.get(session.id);
      if (record) record.closed = Date.now();
    },
    onMailFrom(_address, session, callback) {
      later(session.id, () => callback());
    },
    onRcptTo(address, session, callback) {
      const code = refusals.get(address.address)?.shift() ?? 250;
      later(session.id, () => callback(code === 250 ? null : refused(code)));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        attempts++;
        const code = failures.shift();
        if (code) return callback(refused(code));
        const held = hold;
        hold = undefined;
        if (held) {
          held.arrived = true;
          await held.released;
        }
        later(session.id, () => {
          // A client that gave up before the reply was told nothing: the message is not taken.
          if (byId.get(session.id)?.closed) return callback(new Error('gone'));
          mails.push({ ...parseMail(Buffer.concat(chunks).toString('utf8')), to: session.envelope.rcptTo.map((r) => r.address) });
          callback();
        });
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    sessions,
    failNext: (codes) => {
      failures = [...codes];
    },
    attempts: () => attempts,
    slow: (count, ms) => {
      slow = { count, ms };
    },
    refuse: (address, codes) => {
      refusals.set(address, [...codes]);
    },
    holdNext() {
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      const held = { arrived: false, released, release };
      hold = held;
      return { arrived: () => held.arrived, release };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Hook {
  method: string;
  headers: IncomingMessage['headers'];
  /** The raw body, as the signature covers it. */
  body: string;
  /** When it arrived (Date.now()). */
  at: number;
}

/** What the webhook does with one request: answer with a status, drop the connection, or never answer. */
export type HookBehaviour = number | 'drop' | 'hang';

export interface Webhook {
  url: string;
  /** Requests it answered 2xx. */
  delivered: Hook[];
  /** Every request, whatever it did with it. */
  received: Hook[];
  /** Behaviours for the next requests, in order; then 204. */
  failNext(behaviours: HookBehaviour[]): void;
  /** Behaviour for every request from now on (until failNext or always(204)). */
  always(behaviour: HookBehaviour): void;
  close(): Promise<void>;
}

export async function startWebhook(): Promise<Webhook> {
  const delivered: Hook[] = [];
  const received: Hook[] = [];
  let queue: HookBehaviour[] = [];
  let fallback: HookBehaviour = 204;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const hook = { method: request.method ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      received.push(hook);
      const behaviour = queue.length ? queue.shift()! : fallback;
      if (behaviour === 'drop') {
        request.socket.destroy();
        return;
      }
      if (behaviour === 'hang') return;
      if (behaviour >= 200 && behaviour < 300) delivered.push(hook);
      response.writeHead(behaviour, behaviour >= 300 && behaviour < 400 ? { location: '/elsewhere' } : {});
      response.end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/hooks/consult`,
    delivered,
    received,
    failNext: (behaviours) => {
      queue = [...behaviours];
    },
    always: (behaviour) => {
      queue = [];
      fallback = behaviour;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls `condition` until it holds or `ms` pass; then fails with `what`. */
export async function eventually(what: string, condition: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A logger for jobs that keeps every line (as JSON) for a test to read. */
export function captureLog(): { log: FastifyBaseLogger; lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (object: unknown, message?: string) => {
    lines.push(JSON.stringify({ level, ...(typeof object === 'string' ? { msg: object } : { ...(object as object), msg: message }) }));
  };
  const log = {
    level: 'info',
    fatal: write('fatal'),
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    trace: write('trace'),
    silent: () => undefined,
    child: () => log,
  } as unknown as FastifyBaseLogger;
  return { log, lines };
}
