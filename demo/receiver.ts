/**
 * The demo's receiving endpoint: what a clinic's server does with an inquiry, in miniature.
 * It validates with the widget's own schema, honours Idempotency-Key (a retry of the same
 * inquiry is stored once), and appends to a JSON-lines file so inquiries survive a restart.
 * The tests post to this same code, so the demo and the suite cannot disagree.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InquirySchema, type Inquiry } from '../src/schema/inquiry.js';
import { renderInbox } from './inbox.js';

export interface StoredInquiry {
  receivedAt: string;
  inquiry: Inquiry;
}

const MAX_BODY = 64 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(Object.assign(new Error('too large'), { status: 413 }));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...CORS });
  res.end(JSON.stringify(body));
}

// The widget runs on the clinic's site and posts here from another origin.
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
  'Access-Control-Max-Age': '600',
};

export function createReceiver({ file, path = '/api/inquiry' }: { file: string; path?: string }) {
  const stored: StoredInquiry[] = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as StoredInquiry)
    : [];
  const ids = new Set(stored.map((s) => s.inquiry.id));

  async function receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return send(res, 415, { error: 'Content-Type must be application/json' });
    }
    let data: unknown;
    try {
      data = JSON.parse(await readBody(req));
    } catch (error) {
      const status = (error as { status?: number }).status ?? 400;
      return send(res, status, { error: status === 413 ? 'body too large' : 'body is not JSON' });
    }
    const parsed = InquirySchema.safeParse(data);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      return send(res, 422, { error: 'inquiry does not match the schema', issues });
    }
    const inquiry = parsed.data;
    if (req.headers['idempotency-key'] !== inquiry.id) {
      return send(res, 400, { error: 'Idempotency-Key header must equal the inquiry id' });
    }
    if (ids.has(inquiry.id)) return send(res, 200, { id: inquiry.id, duplicate: true });
    const record: StoredInquiry = { receivedAt: new Date().toISOString(), inquiry };
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${JSON.stringify(record)}\n`);
    stored.push(record);
    ids.add(inquiry.id);
    send(res, 201, { id: inquiry.id });
  }

  /** Handles the receiver's routes; returns false for any other request. */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === path && req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
    } else if (url.pathname === path && req.method === 'POST') {
      await receive(req, res);
    } else if (url.pathname === '/api/inquiries' && req.method === 'GET') {
      send(res, 200, stored);
    } else if (url.pathname === '/inbox' && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(renderInbox(stored));
    } else {
      return false;
    }
    return true;
  }

  return { handle, list: () => stored };
}
