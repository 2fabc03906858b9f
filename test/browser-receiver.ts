/**
 * The real receiver (server/), in the test runner's process, for the widget's browser tests:
 * they post to the very code a clinic runs. Site "test" accepts the test runner's origin.
 * The older paths the tests use (/api/inquiry, /api/inquiries) map onto it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildApp } from '../server/app.js';
import { readConfig } from '../server/config.js';
import { openStore } from '../server/storage/database.js';
import { addSite } from '../server/domain/sites.js';

export const TEST_SITE = 'test';

export async function startBrowserTestReceiver(origins: string[]) {
  const databaseUrl = join(mkdtempSync(join(tmpdir(), 'consult-browser-')), 'receiver.db');
  const store = await openStore(databaseUrl);
  await addSite(store, { id: TEST_SITE, name: '테스트의원', origins });
  const config = readConfig({ DATABASE_URL: databaseUrl, RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_SITE: '100000' });
  const app = await buildApp({ store, config });
  await app.ready();

  /** What the receiver stored, oldest first, as { receivedAt, inquiry }. */
  async function list() {
    const rows = await store.db.selectFrom('inquiries').select(['received_at', 'payload']).where('site_id', '=', TEST_SITE).orderBy('received_at').execute();
    return rows.map((row) => ({ receivedAt: row.received_at, inquiry: JSON.parse(row.payload) }));
  }

  /** Serves /v1/… (and /api/inquiry as site "test"); false for anything else. */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/inquiries' && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(await list()));
      return true;
    }
    if (url.pathname === '/api/inquiry') req.url = `/v1/sites/${TEST_SITE}/inquiries${url.search}`;
    else if (!url.pathname.startsWith('/v1/')) return false;
    app.routing(req, res);
    await new Promise((resolve) => res.once('close', resolve));
    return true;
  }

  return { handle, list, close: () => app.close().then(() => store.close()) };
}
