/**
 * The inbox in Debian's Chromium for tests: builds dist/inbox when it is missing or older than
 * its sources (so no manual step is needed), and runs axe (helpers/chromium.ts launches the browser).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Protocol } from 'puppeteer-core';

const SOURCES = ['server/inbox', 'locales/inbox'];
const BUILT = 'dist/inbox/index.html';

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Runs `npm run build:inbox`'s steps when dist/inbox is missing or stale. */
export function ensureInboxBuilt(): void {
  const assets = 'dist/inbox/assets';
  const fresh =
    existsSync(BUILT) &&
    existsSync(assets) &&
    readdirSync(assets).some((f) => /^index-.*\.js$/.test(f)) &&
    statSync(BUILT).mtimeMs >= Math.max(...SOURCES.map(newestMtime));
  if (fresh) return;
  for (const args of [
    ['node_modules/@lit/localize-tools/bin/lit-localize.js', '--config', 'server/inbox/lit-localize.json', 'build'],
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'server/inbox/vite.config.ts', '--logLevel', 'warn'],
  ]) {
    const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`building the inbox failed:\n${run.stdout}\n${run.stderr}`);
  }
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core on the whole document, shadow roots included; answers its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const source = await import('node:fs').then((fs) => fs.readFileSync('node_modules/axe-core/axe.min.js', 'utf8'));
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/**
 * Runs `action`, which starts one download in `page`, and answers once the browser has written
 * the file (Browser.downloadProgress "completed"): the file name the server suggested, and where
 * it is in `dir` (saved under the download's guid).
 */
export async function downloadOf(page: Page, dir: string, action: () => Promise<unknown>, timeoutMs = 10_000): Promise<{ suggestedFilename: string; path: string }> {
  const cdp = await page.browser().target().createCDPSession();
  let timer: NodeJS.Timeout | undefined;
  try {
    const names = new Map<string, string>();
    const done = new Promise<{ suggestedFilename: string; path: string }>((resolve, reject) => {
      cdp.on('Browser.downloadWillBegin', (e: Protocol.Browser.DownloadWillBeginEvent) => names.set(e.guid, e.suggestedFilename));
      cdp.on('Browser.downloadProgress', (e: Protocol.Browser.DownloadProgressEvent) => {
        if (e.state === 'completed') resolve({ suggestedFilename: names.get(e.guid) ?? '', path: join(dir, e.guid) });
        else if (e.state === 'canceled') reject(new Error('the download was canceled'));
      });
      timer = setTimeout(() => reject(new Error(`no download finished within ${timeoutMs} ms`)), timeoutMs);
    });
    done.catch(() => undefined);
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allowAndName', downloadPath: dir, browserContextId: page.browserContext().id, eventsEnabled: true });
    await action();
    return await done;
  } finally {
    clearTimeout(timer);
    await cdp.detach();
  }
}
