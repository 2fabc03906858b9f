/// <reference types="node" />
/**
 * The demo: `npm run build`, then `tsx demo/server.ts`.
 *
 * Starts the real receiver (server/) on embedded SQLite in demo/.data, with a demo site and a
 * demo staff account, and serves the mock clinic pages from another port, as an agency's
 * clinic site and its receiver would be: the widget posts across origins to
 * /v1/sites/demo/inquiries, and staff read what arrived in the receiver's inbox.
 *
 * It takes none of the receiver's environment (DATABASE_URL, PUBLIC_URL, SMTP_URL, …): run where
 * an agency's receiver is set up, it would otherwise add its demo site and staff account to the
 * production database, and its made-up inquiries would be mailed as real ones.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { buildApp } from '../server/app.js';
import { readConfig } from '../server/config.js';
import { openStore, type Store } from '../server/storage/database.js';
import { addSite, getSite, updateSite } from '../server/domain/sites.js';
import { addStaff } from '../server/domain/staff.js';
import { CLI } from '../server/domain/access-log.js';
import { receiverJobs, startJobs } from '../server/jobs.js';

const DEMO_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(DEMO_DIR, '..');
const DIST_DIR = join(ROOT, 'dist');
const DATA_DIR = process.env.DEMO_DATA_DIR || join(DEMO_DIR, '.data');
const LOADER = join(DIST_DIR, 'consult-widget.js');
const DATABASE_FILE = join(DATA_DIR, 'receiver.db');

const PORT = Number(process.env.PORT) || 5180;
const HOST = process.env.HOST || '127.0.0.1';
const RECEIVER_PORT = Number(process.env.RECEIVER_PORT) || 8787;
const SITE_ID = 'demo';
const STAFF_EMAIL = 'staff@demo.clinic';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const BUILD_HINT = 'dist/consult-widget.js is missing: run `npm run build` first.';
const hostPart = (host: string) => (host.includes(':') ? `[${host}]` : host);
const pagesOrigin = `http://${hostPart(HOST)}:${PORT}`;
const receiverUrl = `http://${hostPart(HOST)}:${RECEIVER_PORT}`;

/** The demo site for the pages' origin(s), and a staff login kept in demo/.data between runs. */
async function prepareDemoSite(store: Store): Promise<string> {
  const origins = [pagesOrigin, ...(HOST === '127.0.0.1' ? [`http://localhost:${PORT}`] : [])];
  if (await getSite(store, SITE_ID)) await updateSite(store, SITE_ID, { origins });
  else await addSite(store, { id: SITE_ID, name: '서울 하늘 모발이식 의원', origins, retentionDays: 90 });
  const loginFile = join(DATA_DIR, 'staff-password.txt');
  if (existsSync(loginFile)) return readFileSync(loginFile, 'utf8').trim();
  const password = randomBytes(9).toString('base64url');
  await addStaff(store, SITE_ID, STAFF_EMAIL, password, CLI);
  writeFileSync(loginFile, `${password}\n`, { mode: 0o600 });
  return password;
}

async function startReceiver(): Promise<string> {
  mkdirSync(DATA_DIR, { recursive: true });
  const config = readConfig({ PORT: String(RECEIVER_PORT), HOST, DATABASE_URL: DATABASE_FILE });
  const store = await openStore(config.databaseUrl);
  const password = await prepareDemoSite(store);
  const app = await buildApp({ store, config, logger: { level: process.env.LOG_LEVEL || 'warn' } });
  const stopJobs = startJobs(receiverJobs(store, config), app.log);
  await app.listen({ port: RECEIVER_PORT, host: HOST });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      await app.close();
      await stopJobs();
      await store.close();
      process.exit(0);
    });
  }
  return password;
}

/** The pages name the receiver through placeholders, so PORT, HOST and RECEIVER_PORT can change. */
function fillPlaceholders(html: string): string {
  return html
    .replaceAll('{{endpoint}}', `${receiverUrl}/v1/sites/${SITE_ID}/inquiries`)
    .replaceAll('{{inbox}}', `${receiverUrl}/inbox`)
    .replaceAll('{{receiver}}', receiverUrl);
}

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
  if (pathname === '/inbox') {
    res.writeHead(302, { Location: `${receiverUrl}/inbox` });
    return void res.end();
  }
  const file = route(pathname);
  const found = file ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !found?.isFile()) {
    if (pathname.startsWith('/dist/') && !existsSync(LOADER)) return sendText(res, 404, `Not found. ${BUILD_HINT}`);
    return sendText(res, 404, 'Not found');
  }
  const type = TYPES[extname(file).toLowerCase()];
  const raw = await readFile(file);
  const body = type.startsWith('text/html') ? Buffer.from(fillPlaceholders(raw.toString('utf8'))) : raw;
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': body.length,
    // A demo: always serve the latest build.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

const pages = createServer(async (req, res) => {
  try {
    await serveStatic(req, res);
  } catch (error) {
    console.error(`[demo] ${req.method} ${req.url?.split('?')[0]} failed:`, (error as Error).message);
    if (!res.headersSent) sendText(res, 500, 'Internal server error');
    else res.destroy();
  }
});

pages.on('error', (error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `[demo] Port ${PORT} is in use; set PORT to another one.` : error);
  process.exit(1);
});

const password = await startReceiver().catch((error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `[demo] Port ${RECEIVER_PORT} is in use; set RECEIVER_PORT to another one.` : error);
  process.exit(1);
});

pages.listen(PORT, HOST, () => {
  console.log('Consult Widget demo');
  console.log(`  Mock clinic page (script tag): ${pagesOrigin}/`);
  console.log(`  Elements page (developers):    ${pagesOrigin}/elements.html`);
  console.log(`  Receiver:                      ${receiverUrl}  (site "${SITE_ID}", endpoint /v1/sites/${SITE_ID}/inquiries)`);
  console.log(`  Staff inbox:                   ${receiverUrl}/inbox`);
  console.log(`    log in as ${STAFF_EMAIL} with password ${password}`);
  console.log(`  Inquiries are kept in ${DATABASE_FILE}`);
  if (process.env.DATABASE_URL) console.log('  DATABASE_URL is ignored: the demo never uses the receiver\'s database (npm run receiver does).');
  if (!existsSync(LOADER)) console.warn(`\n  WARNING: ${BUILD_HINT}\n  The pages load but the widget will not appear until it is built.`);
});
