/// <reference types="node" />
/**
 * The demo server: `npm run build`, then `tsx demo/server.ts`.
 *
 * Serves the mock clinic page, the elements page and the built widget, and receives the
 * inquiries the widget sends (demo/receiver.ts), keeping them in demo/.data/inquiries.jsonl.
 * Plain node:http on purpose: this is what a clinic's own small server would look like.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createReceiver } from './receiver.js';

const DEMO_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(DEMO_DIR, '..');
const DIST_DIR = join(ROOT, 'dist');
const DATA_FILE = join(DEMO_DIR, '.data', 'inquiries.jsonl');
const LOADER = join(DIST_DIR, 'consult-widget.js');

const PORT = Number(process.env.PORT) || 5180;
const HOST = process.env.HOST || '127.0.0.1';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const BUILD_HINT = 'dist/consult-widget.js is missing: run `npm run build` (or `npx vite build`) first.';

const receiver = createReceiver({ file: DATA_FILE });

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

/**
 * The file under `base` that `relative` (still URL-encoded) names, or undefined when it would
 * leave `base`, names a hidden file or folder (demo/.data holds patients' inquiries), or is
 * not one of the types this server hands out.
 */
function fileUnder(base: string, relative: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  if (decoded.split(/[\\/]/).some((segment) => segment.startsWith('.'))) return undefined;
  const file = resolve(base, `.${sep}${decoded}`);
  if (!file.startsWith(base + sep)) return undefined;
  if (!(extname(file).toLowerCase() in TYPES)) return undefined;
  return file;
}

function route(pathname: string): string | undefined {
  if (pathname === '/' || pathname === '/index.html') return join(DEMO_DIR, 'index.html');
  if (pathname === '/elements.html') return join(DEMO_DIR, 'elements.html');
  if (pathname.startsWith('/demo/')) return fileUnder(DEMO_DIR, pathname.slice('/demo/'.length));
  if (pathname.startsWith('/dist/')) return fileUnder(DIST_DIR, pathname.slice('/dist/'.length));
  return undefined;
}

async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, 'Method not allowed');
  }
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const file = route(pathname);
  const found = file ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !found?.isFile()) {
    if (pathname.startsWith('/dist/') && !existsSync(LOADER)) return sendText(res, 404, `Not found. ${BUILD_HINT}`);
    return sendText(res, 404, 'Not found');
  }
  const body = await readFile(file);
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file).toLowerCase()],
    'Content-Length': body.length,
    // A demo: always serve the latest build.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

const server = createServer(async (req, res) => {
  try {
    if (await receiver.handle(req, res)) return;
    await serveStatic(req, res);
  } catch (error) {
    console.error(`[demo] ${req.method} ${req.url} failed:`, error);
    if (!res.headersSent) sendText(res, 500, 'Internal server error');
    else res.destroy();
  }
});

server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `[demo] Port ${PORT} is in use; set PORT to another one.` : error);
  process.exit(1);
});

server.listen(PORT, HOST, () => {
  const base = `http://${HOST.includes(':') ? `[${HOST}]` : HOST}:${PORT}`;
  console.log('Consult Widget demo');
  console.log(`  Mock clinic page (script tag): ${base}/`);
  console.log(`  Elements page (developers):    ${base}/elements.html`);
  console.log(`  Inbox (received inquiries):    ${base}/inbox`);
  console.log(`  Inquiries are kept in ${DATA_FILE}`);
  if (!existsSync(LOADER)) console.warn(`\n  WARNING: ${BUILD_HINT}\n  The pages load but the widget will not appear until it is built.`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
