/**
 * `npm run bench`: the demo's mock clinic page in headless Chromium with 4x CPU slowdown and a
 * Fast-3G-like network, several runs each, with no widget, this widget, and for comparison the
 * Typeform popover (@typeform/embed) and the Cal.com floating button (@calcom/embed-core), all
 * served locally (nothing leaves this machine). Prints the medians side by side:
 *   bytes before a click (the embed's own files, gzip on the wire): when its buttons show, and
 *   4 s after load (this widget preloads its dialog's code when the browser is idle),
 *   main-thread blocking time added (total blocking time minus the page's own),
 *   time until the buttons are visible, layout shift,
 *   and for this widget: tap to a usable form, cold (a tap as soon as the buttons show) and
 *   after intent (pointer over a button, then the tap once the code is in and the browser idle).
 * Needs a built dist/ (npm run build). BENCH_RUNS (default 5), CHROME_PATH, BENCH_ONLY=widget
 * (the page alone and this widget, without the taps: a quicker loop while working on it).
 */
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, chromePath } from '../test/chromium-flags.js';

const ROOT = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_RUNS) || 5;
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json' };

type Variant = 'none' | 'widget' | 'typeform' | 'calcom';
const ALL_VARIANTS: Variant[] = ['none', 'widget', 'typeform', 'calcom'];
// BENCH_ONLY=widget (while working on the widget): the page alone and this widget, no taps.
const ONLY = process.env.BENCH_ONLY === 'widget';
const VARIANTS: Variant[] = ONLY ? ['none', 'widget'] : ALL_VARIANTS;

/** What each variant adds before </body>; everything is served from this machine. */
const EMBEDS: Record<Variant, string> = {
  none: '',
  widget:
    '<script src="/dist/consult-widget.js" data-endpoint="/api/inquiry" data-offset-y="92" data-phone="1833-7488" data-clinic-name="서울 하늘 모발이식 의원" data-blog-url="https://blog.naver.com/x" data-map-url="https://map.naver.com/x" defer></script>',
  typeform:
    '<link rel="stylesheet" href="/vendor/typeform/css/popover.css"><div data-tf-popover="abc123" data-tf-button-text="무료 상담" data-tf-button-color="#1d4ed8"></div><script src="/vendor/typeform/embed.js" defer></script>',
  calcom: '<script src="/bench/cal-init.js" defer></script>',
};

/** Cal.com's documented loader snippet, pointed at the local embed-core build. */
const CAL_INIT = `(function (C, A, L) { let p = function (a, ar) { a.q.push(ar); }; let d = C.document; C.Cal = C.Cal || function () { let cal = C.Cal; let ar = arguments; if (!cal.loaded) { cal.ns = {}; cal.q = cal.q || []; d.head.appendChild(d.createElement("script")).src = A; cal.loaded = true; } if (ar[0] === L) { const api = function () { p(api, arguments); }; const namespace = ar[1]; api.q = api.q || []; if(typeof namespace === "string"){cal.ns[namespace] = cal.ns[namespace] || api;p(cal.ns[namespace], ar);p(cal, ["initNamespace", namespace]);} else p(cal, ar); return;} p(cal, ar); }; })(window, "/vendor/calcom/embed/embed.js", "init");
Cal("init", { origin: location.origin });
Cal("floatingButton", { calLink: "clinic/consult", buttonText: "무료 상담" });`;

/** How each variant's buttons are found, in the page. */
const VISIBLE: Record<Variant, string> = {
  none: 'null',
  widget: `document.querySelector('consult-widget')?.shadowRoot?.querySelector('[part~="button"]')`,
  typeform: `document.querySelector('.tf-v1-popover-button')`,
  calcom: `document.querySelector('cal-floating-button')?.shadowRoot?.querySelector('button')`,
};
const OWN = (url: string) => /\/(dist|vendor|bench)\//.test(url);

function page(variant: Variant): string {
  return readFileSync(join(ROOT, 'demo/index.html'), 'utf8')
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
    .replace(/<script type="application\/json" id="consult-widget-config">[\s\S]*?<\/script>\s*/, '')
    .replace(/<script src="\/dist\/consult-widget.js"[^>]*><\/script>/, EMBEDS[variant])
    .replaceAll('{{endpoint}}', '/api/inquiry')
    .replaceAll('{{inbox}}', '#')
    .replaceAll('{{receiver}}', '');
}

function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (body: string | Buffer, type: string) => {
      // gzip like any CDN, so transfer sizes are what patients download.
      const gz = gzipSync(body);
      res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', 'cache-control': 'no-store' });
      res.end(gz);
    };
    if (url.pathname === '/page') return send(page((url.searchParams.get('v') as Variant) ?? 'none'), TYPES['.html']);
    if (url.pathname === '/bench/cal-init.js') return send(CAL_INIT, TYPES['.js']);
    const mapped = url.pathname.startsWith('/vendor/typeform/')
      ? join(ROOT, 'node_modules/@typeform/embed/build', url.pathname.slice('/vendor/typeform/'.length))
      : url.pathname.startsWith('/vendor/calcom/')
        ? join(ROOT, 'node_modules/@calcom/embed-core/dist', url.pathname.slice('/vendor/calcom/'.length))
        : join(ROOT, normalize(url.pathname));
    if (!mapped.startsWith(ROOT) || !existsSync(mapped) || !statSync(mapped).isFile()) {
      res.writeHead(404).end();
      return;
    }
    send(readFileSync(mapped), TYPES[extname(mapped)] ?? 'application/octet-stream');
  });
  return new Promise((resolve) => server.listen(Number(process.env.BENCH_PORT) || 0, '127.0.0.1', () => resolve(server)));
}

interface Run {
  /** The embed's bytes by the time its buttons show (its first download). */
  firstBytes: number;
  /** All of its bytes before a click, 4 s after load (this widget preloads its dialog when idle). */
  bytes: number;
  tbt: number;
  visibleMs: number | null;
  cls: number;
  tapCold?: number | null;
  tapWarm?: number | null;
}

/**
 * Installed before any page script: long tasks, layout shifts and when the buttons show. The
 * probe must not cause the work it measures: reading a button's size in every frame would force
 * the page's layout inside a script task, and a requestAnimationFrame callback makes the frame's
 * own layout part of a script task; either would count as blocking time. So a timer looks for
 * the button (no layout), then an IntersectionObserver reports when it is laid out on screen.
 * Every variant, the page alone too, runs the same look.
 */
const probe = (visible: string) => `
  window.__bench = { long: [], cls: 0, visible: null };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__bench.long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__bench.cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
  const shown = (el, time) => {
    if (getComputedStyle(el).visibility !== 'hidden') window.__bench.visible = time;
    else setTimeout(() => shown(el, performance.now()), 16);
  };
  const look = () => {
    const el = ${visible};
    if (!el) return setTimeout(look, 16);
    new IntersectionObserver((entries, observer) => {
      const entry = entries.find((e) => e.isIntersecting && e.boundingClientRect.width > 0 && e.boundingClientRect.height > 0);
      if (!entry) return;
      observer.disconnect();
      shown(el, entry.time);
    }).observe(el);
  };
  setTimeout(look, 16);
`;

/** In the page: click a button and time until the form's first field is in an open dialog. */
const tapToForm = `new Promise((resolve) => {
  const w = document.querySelector('consult-widget');
  const b = w.shadowRoot.querySelector('[part~="button-cost"]');
  const t0 = performance.now();
  b.click();
  const check = () => {
    const d = w.shadowRoot.querySelector('consult-dialog');
    const field = d && d.shadowRoot && d.shadowRoot.querySelector('dialog[open] input[name="name"]');
    if (field) resolve(performance.now() - t0); else requestAnimationFrame(check);
  };
  check();
})`;

async function once(browser: Browser, origin: string, variant: Variant, tap?: 'cold' | 'warm'): Promise<Run> {
  const context = await browser.createBrowserContext();
  const p: Page = await context.newPage();
  const cdp = await p.createCDPSession();
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  // DevTools' "Fast 3G": 562.5 ms RTT, 1.44 Mbit/s down, 675 kbit/s up.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 });
  let bytes = 0;
  const urls = new Map<string, string>();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    if (OWN(urls.get(e.requestId) ?? '')) bytes += e.encodedDataLength;
  });
  await p.setViewport({ width: 1280, height: 800 });
  await p.evaluateOnNewDocument(probe(VISIBLE[variant]));
  await p.goto(`${origin}/page?v=${variant}`, { waitUntil: 'load', timeout: 120_000 });
  const run: Run = { firstBytes: 0, bytes: 0, tbt: 0, visibleMs: null, cls: 0 };
  if (variant !== 'none') await p.waitForFunction('window.__bench.visible !== null', { timeout: 60_000, polling: 50 });
  run.firstBytes = bytes;
  if (tap === 'cold') run.tapCold = (await p.evaluate(tapToForm)) as number;
  if (tap === 'warm') {
    await p.evaluate(`document.querySelector('consult-widget').shadowRoot.querySelector('[part~="button-cost"]').dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }))`);
    await p.waitForFunction(`customElements.get('consult-dialog')`, { timeout: 60_000, polling: 50 });
    // "Once the code is in": run, and the work it does on intent (building the form) done, which
    // the page's first idle moment after it tells; a fixed pause would measure the machine's load.
    await p.evaluate('new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: 2000 }))');
    run.tapWarm = (await p.evaluate(tapToForm)) as number;
  }
  if (!tap) await new Promise((r) => setTimeout(r, 4000));
  const probeResult = (await p.evaluate('window.__bench')) as { long: number[]; cls: number; visible: number | null };
  run.bytes = bytes;
  run.tbt = probeResult.long.reduce((sum, d) => sum + Math.max(0, d - 50), 0);
  if (ONLY) process.stderr.write(`${variant}: long tasks ${probeResult.long.map((d) => d.toFixed(0)).join(', ') || 'none'}, visible ${probeResult.visible?.toFixed(0)} ms\n`);
  run.cls = probeResult.cls;
  run.visibleMs = probeResult.visible;
  await context.close();
  return run;
}

const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const server = await serve();
const address = server.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const browser = await puppeteer.launch({
  executablePath: chromePath,
  headless: true,
  args: CHROMIUM_ARGS,
});
try {
  const results = new Map<Variant, Run[]>();
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, so a busy moment on the machine does not land on one variant only.
    for (const v of VARIANTS) results.set(v, [...(results.get(v) ?? []), await once(browser, origin, v)]);
    process.stderr.write(`run ${i + 1}/${RUNS} done\n`);
  }
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < (ONLY ? 0 : RUNS); i++) {
    cold.push((await once(browser, origin, 'widget', 'cold')).tapCold!);
    warm.push((await once(browser, origin, 'widget', 'warm')).tapWarm!);
  }
  const baseTbt = median(results.get('none')!.map((r) => r.tbt));
  const rows = VARIANTS.filter((v) => v !== 'none').map((v) => {
    const runs = results.get(v)!;
    return {
      variant: { widget: 'this widget', typeform: 'Typeform popover', calcom: 'Cal.com floating button', none: '' }[v],
      'KB to show buttons': (median(runs.map((r) => r.firstBytes)) / 1024).toFixed(1),
      'KB before a click': (median(runs.map((r) => r.bytes)) / 1024).toFixed(1),
      'blocking time added (ms)': Math.max(0, median(runs.map((r) => r.tbt)) - baseTbt).toFixed(0),
      'buttons visible (ms)': median(runs.map((r) => r.visibleMs ?? NaN)).toFixed(0),
      'layout shift': median(runs.map((r) => r.cls)).toFixed(3),
    };
  });
  console.log(`\nMock clinic page, headless Chromium, 4x CPU slowdown, Fast 3G (562.5 ms RTT, 1.44 Mbit/s), median of ${RUNS} runs`);
  console.log(`Page alone: blocking time ${baseTbt.toFixed(0)} ms\n`);
  console.table(rows);
  console.log(`This widget, tap to a usable form: cold ${median(cold).toFixed(0)} ms, after intent ${median(warm).toFixed(0)} ms`);
} finally {
  await browser.close();
  server.close();
}
