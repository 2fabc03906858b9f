/**
 * A clinic's own site for end-to-end tests: plain pages carrying the agency's script tag, and
 * the built widget's files, served on a loopback port of its own (another origin than the
 * receiver's), as Imweb, Cafe24 or a hand-written site would serve them.
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { assertFreshDist } from '../../dist-fresh.js';

const DIST = resolve('dist');

export function clinicPage(endpoint: string, title = '스마일치과'): string {
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title></head><body><h1>${title}</h1><p>임플란트, 교정, 스케일링</p>
<script src="/dist/consult-widget.js" data-endpoint="${endpoint}" data-phone="02-123-4567" data-clinic-name="${title}" defer></script>
</body></html>`;
}

/** Serves page(endpoint, path) at every path that is not under /dist/ (so "another page" exists); throws when dist/ is stale. */
export async function startClinicSite(port: number, endpoint: string, page: (endpoint: string, path: string) => string = (e) => clinicPage(e)): Promise<Server> {
  assertFreshDist();
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (!path.startsWith('/dist/')) return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(endpoint, path));
    const file = resolve(DIST, `.${sep}${path.slice('/dist/'.length)}`);
    if (!file.startsWith(DIST + sep) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream' }).end(await readFile(file));
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return server;
}
