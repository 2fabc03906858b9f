/**
 * Endpoints the browser tests post to, served by the test runner (node side). /api/inquiry is
 * the real receiver (test/browser-receiver.ts); /test/* here are the failures a clinic's server really has (errors, redirects,
 * Retry-After, dropped connections, slow answers), and record every attempt so tests can
 * assert what arrived, and how often.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageReport } from '../scripts/messages.js';
import { distFreshness } from './dist-fresh.js';

interface Attempt {
  key: string;
  idempotencyKey: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

const attempts: Attempt[] = [];
const seen = new Map<string, number>();

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key' };

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...CORS });
  res.end(JSON.stringify(body));
}

export async function testEndpoints(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith('/test/')) return false;
  // Whether dist/ was built after the last change to what it is built from: tests that load
  // the built script or the npm entry check this first, instead of testing stale code.
  if (url.pathname === '/test/dist-fresh') {
    reply(res, 200, distFreshness());
    return true;
  }
  if (/^\/test\/(slow|stalled|flaky)-dist[-\d]*\//.test(url.pathname) && refuseStaleDist(url.pathname, res)) return true;
  // The built files over a slow network: the script at once, its chunks after `delay` ms
  // (/test/slow-dist-<ms>/, default 1500), as a phone on a weak connection gets them; or, stalled,
  // never (a connection that carries nothing more, as on a train), until the page goes.
  const slow = /^\/test\/(slow|stalled)-dist(?:-(\d+))?\//.exec(url.pathname);
  if (slow) {
    const file = join('dist', url.pathname.slice(slow[0].length));
    if (!file.startsWith('dist/') || file.includes('..') || !existsSync(file)) {
      res.writeHead(404).end();
      return true;
    }
    if (file.startsWith('dist/chunks/') && slow[1] === 'stalled') {
      await new Promise((gone) => res.once('close', gone));
      return true;
    }
    if (file.startsWith('dist/chunks/')) await new Promise((r) => setTimeout(r, Number(slow[2] ?? url.searchParams.get('delay') ?? 1500)));
    res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' });
    res.end(readFileSync(file));
    return true;
  }
  // The built files as a phone gets them when its connection drops while one chunk (chunks/<chunk>-*.js:
  // dialog, outbox) downloads: /test/flaky-dist/<chunk>/consult-widget.js. The browser then keeps
  // that failed import for the page's lifetime, so the chunk fails here for good under its own
  // URL, and loads only when asked for under a new one (a `retry` query). <chunk>~N: the first N
  // URLs fail (retry=1 … N-1 as well), for a connection that drops more than once.
  if (url.pathname.startsWith('/test/flaky-dist/')) {
    const [spec, ...rest] = url.pathname.slice('/test/flaky-dist/'.length).split('/');
    const [chunk, times = '1'] = spec.split('~');
    const file = join('dist', ...rest);
    if (!file.startsWith('dist/') || file.includes('..') || !existsSync(file)) {
      res.writeHead(404).end();
      return true;
    }
    if (file.startsWith(`dist/chunks/${chunk}-`) && Number(url.searchParams.get('retry') ?? 0) < Number(times)) {
      res.writeHead(503, { 'Cache-Control': 'no-store' }).end();
      return true;
    }
    res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' });
    res.end(readFileSync(file));
    return true;
  }
  // The widget's messages as the sources and XLIFF files have them (scripts/messages.ts).
  if (url.pathname === '/test/messages') {
    reply(res, 200, messageReport());
    return true;
  }
  if (url.pathname === '/test/attempts') {
    reply(res, 200, attempts.filter((a) => a.key === url.searchParams.get('key')));
    return true;
  }
  // A page written by the test itself: a plain host page as an agency's site would serve it
  // (optionally with a Content-Security-Policy header, or after a delay).
  if (url.pathname === '/test/page') {
    const wait = Number(url.searchParams.get('delay') ?? 0);
    if (wait) await new Promise((r) => setTimeout(r, wait));
    const csp = url.searchParams.get('csp');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...(csp ? { 'Content-Security-Policy': csp } : {}) });
    res.end(url.searchParams.get('html') ?? '');
    return true;
  }
  // A policy page that fails the first time it is fetched, then answers.
  if (url.pathname === '/test/flaky-policy' && req.method === 'GET') {
    const key = `policy:${url.searchParams.get('key')}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    res.writeHead(count === 1 ? 503 : 200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(count === 1 ? '' : '<main><h2>개인정보처리방침</h2><p>상담 문의에 필요한 최소한의 개인정보만 수집합니다.</p></main>');
    return true;
  }
  // A redirecting endpoint (http→https, apex→www): answers every method with `code`.
  if (url.pathname === '/test/redirect' && req.method !== 'OPTIONS') {
    const key = url.searchParams.get('key') ?? '';
    if (req.method === 'POST') attempts.push({ key, idempotencyKey: req.headers['idempotency-key'] as string | undefined, contentType: req.headers['content-type'], body: await readBody(req) });
    res.writeHead(Number(url.searchParams.get('code') ?? 301), { Location: `/test/ok?key=${key}-moved`, ...CORS });
    res.end();
    return true;
  }
  // Endpoints a browser on another origin cannot post to: one that answers everything, the CORS
  // preflight too, with a 404 and no CORS headers (a wrong path); one that redirects everything
  // (http→https in front of the receiver). Posts never arrive.
  if (url.pathname === '/test/no-cors' || url.pathname === '/test/redirect-all') {
    res.writeHead(url.pathname === '/test/no-cors' ? 404 : 301, { Location: '/test/ok', 'Content-Type': 'text/plain' });
    res.end('no');
    return true;
  }
  // Where a redirecting endpoint leads: the widget asks it with a GET to name it on the console.
  if (url.pathname === '/test/ok' && req.method === 'GET') {
    reply(res, 200, {});
    return true;
  }
  // The widget's probe of an endpoint it could not reach: answered as the receiver does, with CORS.
  if (req.method === 'HEAD') {
    res.writeHead(204, CORS);
    res.end();
    return true;
  }
  if (req.method === 'OPTIONS') {
    res.writeHead(204, CORS);
    res.end();
    return true;
  }
  if (req.method !== 'POST') return false;

  const key = url.searchParams.get('key') ?? '';
  const text = await readBody(req);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // recorded as text
  }
  attempts.push({
    key,
    idempotencyKey: req.headers['idempotency-key'] as string | undefined,
    contentType: req.headers['content-type'],
    body,
  });
  const count = (seen.get(key) ?? 0) + 1;
  seen.set(key, count);
  const delay = Number(url.searchParams.get('delay') ?? 0);
  if (delay) await new Promise((r) => setTimeout(r, delay));

  switch (url.pathname) {
    // Fails the first attempt of each key, like a server restarting, then accepts.
    case '/test/flaky':
      if (count === 1) reply(res, 503, { error: 'unavailable' });
      else reply(res, 201, { id: (body as { id?: string }).id });
      return true;
    case '/test/status':
      reply(res, Number(url.searchParams.get('code') ?? 500), {});
      return true;
    // The first `fails` attempts (default 1) answer `code` (503, 429) with Retry-After: `after`.
    case '/test/retry-after':
      if (count <= Number(url.searchParams.get('fails') ?? 1)) {
        res.writeHead(Number(url.searchParams.get('code') ?? 503), {
          'Content-Type': 'application/json',
          'Retry-After': url.searchParams.get('after') ?? '1',
          'Access-Control-Expose-Headers': 'Retry-After',
          ...CORS,
        });
        res.end('{}');
      } else reply(res, 201, { id: (body as { id?: string }).id });
      return true;
    // The first `fails` attempts (default: all) fail as a dead network does: a broken answer
    // (two Content-Lengths), not a bare close, which Chrome silently retries on a reused socket.
    case '/test/drop':
      if (count <= Number(url.searchParams.get('fails') ?? Infinity)) {
        req.socket.end('HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n');
      }
      else reply(res, 201, { id: (body as { id?: string }).id });
      return true;
    case '/test/ok':
      reply(res, 201, { id: (body as { id?: string }).id });
      return true;
    // A CMS or single-page site that answers every path with its page.
    case '/test/html':
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...CORS });
      res.end('<!doctype html><title>하늘의원</title><p>페이지를 찾을 수 없습니다</p>');
      return true;
    default:
      return false;
  }
}

let checked: { at: number; freshness: ReturnType<typeof distFreshness> } = { at: 0, freshness: { fresh: true } };
/**
 * Answers a request for a built script with one that throws why it is stale, when dist/ is
 * older than its sources: a test that loads dist/ without checking first fails all the same,
 * naming the cause. True when it answered.
 */
export function refuseStaleDist(path: string, res: ServerResponse): boolean {
  if (!path.endsWith('.js')) return false;
  if (Date.now() - checked.at > 1000) checked = { at: Date.now(), freshness: distFreshness() };
  const { fresh, reason } = checked.freshness;
  if (fresh) return false;
  res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' });
  res.end(`throw new Error(${JSON.stringify(reason)});\n`);
  return true;
}
