import { expect, waitUntil } from '@open-wc/testing';
import type { ConsultWidget } from '../../src/components/widget/widget.js';
import { expectFreshDist } from '../helpers-dist.js';
import type { CSSResult } from 'lit';
import { widgetStyles } from '../../src/components/widget/widget.styles.js';
import { dialogStyles } from '../../src/components/dialog/dialog.styles.js';
import { cspReportsSoFar, idleTaskDone, loadHtml, loadPage, mounted, type Frame } from './frames.js';

// These tests load dist/: it must be built from the current sources.
before(expectFreshDist);

const widgets = (f: Frame) => f.doc.querySelectorAll('consult-widget');

describe('the built script tag on a plain HTML page', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('mounts one widget at the end of the page, configured from data attributes', async () => {
    const f = await loadPage('/test/fixtures/plain.html');
    await mounted(f);
    expect(widgets(f)).to.have.length(1);
    expect(f.doc.documentElement.lastElementChild!.tagName).to.equal('CONSULT-WIDGET');
    const el = f.doc.querySelector('consult-widget')!;
    const phone = el.shadowRoot!.querySelector('[part~="button-phone"]')!;
    expect(phone.textContent).to.contain('1833-7488');
    expect(f.win.pageErrors).to.deep.equal([]);
    expect(f.win.consoleErrors).to.deep.equal([]);
  });

  it('is immune to the host CSS: buttons visible, 16px inputs, its own line height', async () => {
    const f = await loadPage('/test/fixtures/plain.html');
    await mounted(f);
    const el = f.doc.querySelector('consult-widget')!;
    const cost = el.shadowRoot!.querySelector<HTMLElement>('[part~="button-cost"]')!;
    expect(cost.getClientRects().length).to.be.greaterThan(0);
    expect(getComputedStyle(cost).display).to.not.equal('none');
    const phone = el.shadowRoot!.querySelector<HTMLElement>('[part~="button-phone"]')!;
    expect(f.win.getComputedStyle(phone).display).to.not.equal('none');
    expect(f.win.getComputedStyle(phone).color).to.not.equal('rgb(255, 0, 0)');
    const label = phone.querySelector('[part="label"]')!;
    for (const [property, inherited] of [['font-style', 'italic'], ['text-transform', 'uppercase'], ['letter-spacing', '3px']]) {
      expect(f.win.getComputedStyle(label).getPropertyValue(property), property).to.not.equal(inherited);
    }
    cost.click();
    const dialog = await waitUntil(() => el.shadowRoot!.querySelector('consult-dialog')?.shadowRoot?.querySelector('dialog[open] input'), 'no dialog', { timeout: 5000 }).then(
      () => el.shadowRoot!.querySelector('consult-dialog')!.shadowRoot!,
    );
    const input = dialog.querySelector<HTMLInputElement>('input[name="name"]')!;
    expect(f.win.getComputedStyle(input).fontSize).to.equal('16px');
    expect(parseFloat(f.win.getComputedStyle(input).lineHeight)).to.be.greaterThan(16);
    const submit = dialog.querySelector<HTMLElement>('[part="submit"]')!;
    expect(f.win.getComputedStyle(submit).display).to.not.equal('none');
    expect(f.win.getComputedStyle(dialog.querySelector('.title')!).fontSize).to.equal('18px');
  });

  it('keeps every style rule through the build\'s minification: the clinic\'s number in the dialog is a 44 px target', async () => {
    const f = await loadHtml(`<!doctype html><html lang="ko"><head><meta name="viewport" content="width=device-width"></head><body>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry" data-phone="1833-7488" data-address="서울 강남구 테헤란로 1"></script></body></html>`);
    await mounted(f);
    const el = f.doc.querySelector('consult-widget')!;
    await f.win.ConsultWidget!.open('directions');
    const root = await waitUntil(() => el.shadowRoot!.querySelector('consult-dialog')?.shadowRoot?.querySelector('dialog[open] a[href^="tel:"]'), 'no number', { timeout: 5000 }).then(
      () => el.shadowRoot!.querySelector('consult-dialog')!.shadowRoot!,
    );
    expect(root.querySelector('a[href^="tel:"]')!.getBoundingClientRect().height).to.be.at.least(44);
    // Each element's rules as built, against the same rules from the sources: none dropped as invalid.
    const rules = (sheets: readonly CSSStyleSheet[]) => sheets.reduce((n, sheet) => n + sheet.cssRules.length, 0);
    const fromSources = (styles: readonly CSSResult[]) =>
      rules(
        styles.map((style) => {
          const sheet = new CSSStyleSheet();
          sheet.replaceSync(style.cssText);
          return sheet;
        }),
      );
    expect(rules(el.shadowRoot!.adoptedStyleSheets), 'the buttons\' rules').to.equal(fromSources(widgetStyles));
    expect(rules(root.adoptedStyleSheets), 'the dialog\'s rules').to.equal(fromSources(dialogStyles));
  });

  it('draws every icon whole after the build (no shape swallowed by minification)', async () => {
    const f = await loadPage('/test/fixtures/plain.html');
    await mounted(f);
    const el = f.doc.querySelector('consult-widget')!;
    const icons = [...el.shadowRoot!.querySelectorAll('[part~="button"] svg')];
    expect(icons.length).to.be.greaterThan(2);
    for (const svg of icons) {
      expect([...svg.children].map((c) => c.tagName), svg.innerHTML).to.deep.equal(['path']);
      const box = svg.querySelector('path')!.getBBox();
      expect(box.width * box.height, svg.innerHTML).to.be.greaterThan(20);
    }
    // The card of "비용 문의" (a rectangle written as path data) spans the icon's width.
    const card = el.shadowRoot!.querySelector<SVGPathElement>('[part~="button-cost"] path')!.getBBox();
    expect([card.x, card.y, card.width, card.height]).to.deep.equal([3, 5, 18, 14]);
  });

  it('never styles the host page', async () => {
    const f = await loadPage('/test/fixtures/plain.html');
    await mounted(f);
    expect(f.doc.documentElement.getAttribute('style')).to.equal(null);
    expect(f.doc.body.getAttribute('style')).to.equal(null);
    expect(f.doc.querySelectorAll('style').length).to.equal(0);
    expect(f.doc.adoptedStyleSheets.length).to.equal(0);
  });

  it('mounts once and throws nothing when included twice, in head and body, with and without async', async () => {
    const f = await loadHtml(`<!doctype html><html><head>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry" async></script>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry"></script>
      </head><body><p>x</p><script src="/dist/consult-widget.js" data-endpoint="/api/inquiry" defer></script></body></html>`);
    await mounted(f);
    // Every copy ran before the page finished loading (which loadHtml waits for); whatever one mounted, it mounted before the widget's idle task.
    await idleTaskDone(f);
    expect(widgets(f)).to.have.length(1);
    expect(f.win.pageErrors).to.deep.equal([]);
    expect(f.doc.documentElement.lastElementChild!.tagName).to.equal('CONSULT-WIDGET');
  });

  it('warns once, naming them, when a second script tag carries settings that differ from the first tag\'s, which are used', async () => {
    const f = await loadHtml(`<!doctype html><html><head>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry" data-phone="1833-7488"></script>
      </head><body><script src="/dist/consult-widget.js" data-endpoint="/api/inquiry" data-phone="02-555-0199" data-clinic-name="플러그인의원" data-cfasync="false"></script></body></html>`);
    // Every copy ran before the page finished loading (which loadHtml waits for): its warning, if any, is in.
    await mounted(f);
    expect(widgets(f)).to.have.length(1);
    expect(f.doc.querySelector('consult-widget')!.shadowRoot!.querySelector('[part~="button-phone"]')!.textContent, 'the first tag\'s phone').to.contain('1833-7488');
    expect(f.win.consoleWarnings).to.have.length(1);
    const [warning] = f.win.consoleWarnings;
    expect(warning).to.match(/ignored a second script tag/i).and.contain('the first tag\'s settings are used');
    expect(warning, 'the differing settings').to.contain('data-phone').and.contain('data-clinic-name');
    expect(warning, 'the same setting, and other tools\' attributes').to.not.contain('data-endpoint').and.not.contain('cfasync');
    expect(warning, 'no values').to.not.contain('02-555-0199').and.not.contain('플러그인의원');
    expect(f.win.consoleErrors).to.deep.equal([]);
    expect(f.win.pageErrors).to.deep.equal([]);
  });

  it('says nothing of a second script tag with the same settings, or none, or only other tools\' attributes', async () => {
    const f = await loadHtml(`<!doctype html><html><head>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry" data-phone="1833-7488"></script>
      <script src="/dist/consult-widget.js" data-phone="1833-7488" data-endpoint="/api/inquiry"></script>
      </head><body><script src="/dist/consult-widget.js"></script>
      <script src="/dist/consult-widget.js" data-cfasync="false" async></script></body></html>`);
    // Every copy, the async one too, ran before the page finished loading (which loadHtml waits for).
    await mounted(f);
    expect(widgets(f)).to.have.length(1);
    expect(f.win.consoleWarnings).to.deep.equal([]);
    expect(f.win.consoleErrors).to.deep.equal([]);
  });

  it('keeps the settings it mounts with out of page scripts\' reach, and says nothing of a second tag after an older copy, whose settings it cannot see', async () => {
    const f = await loadHtml(`<!doctype html><html><body>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry" data-phone="1833-7488"></script>
      <script>try { window.ConsultWidget[Symbol.for('consult-widget')].phone = '060-000-0000'; } catch {}</script></body></html>`);
    await mounted(f);
    expect(f.doc.querySelector('consult-widget')!.shadowRoot!.querySelector('[part~="button-phone"]')!.textContent).to.contain('1833-7488');
    const older = await loadHtml(`<!doctype html><html><body>
      <script>window.ConsultWidget = { [Symbol.for('consult-widget')]: true, open: async () => true, close() {}, configure() {} };</script>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry" data-phone="1833-7488"></script></body></html>`);
    // The copy ran before the page finished loading (which loadHtml waits for).
    expect(older.win.consoleWarnings).to.deep.equal([]);
    expect(older.win.pageErrors).to.deep.equal([]);
  });

  it('layers settings: defaults < JSON block < data attributes < configure()', async () => {
    const f = await loadHtml(`<!doctype html><html lang="ko"><body>
      <script type="application/json" id="consult-widget-config">{ "phone": "02-000-0000", "blogUrl": "https://blog.example/json", "forms": [{ "id": "cost", "title": "JSON의원 비용 문의" }] }</script>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry" data-phone="1833-7488" data-map-url="https://map.example/attribute"></script>
      <script src="/test/fixtures/configure-early.js"></script>
      </body></html>`);
    await mounted(f);
    const el = f.doc.querySelector('consult-widget') as ConsultWidget;
    const href = (id: string) => el.shadowRoot!.querySelector(`[part~="button-${id}"]`)?.getAttribute('href');
    await waitUntil(() => href('blog') === 'https://blog.example/configured', 'configure() did not win over JSON', { timeout: 3000 });
    expect(href('directions'), 'configure() wins over data attributes').to.equal('https://map.example/configured');
    expect(el.shadowRoot!.querySelector('[part~="button-phone"]')!.textContent, 'data attributes win over JSON').to.contain('1833-7488');
    expect(await (f.win as unknown as { earlyOpen: Promise<boolean> }).earlyOpen, 'a queued open() answers').to.be.true;
    const dialog = el.shadowRoot!.querySelector('consult-dialog')!;
    expect(dialog.shadowRoot!.textContent, 'JSON settings reach the dialog').to.contain('JSON의원');
  });

  it('logs one console error naming each bad setting, and the page keeps running', async () => {
    const f = await loadHtml(`<!doctype html><html><body>
      <script src="/dist/consult-widget.js" data-endpoint="not a url" data-locale="fr" data-blog-url="javascript:alert(1)" data-phone="1833-7488"></script>
      <script src="/test/fixtures/after.js"></script>
      </body></html>`);
    await mounted(f);
    await idleTaskDone(f);
    expect(f.win.consoleErrors).to.have.length(1);
    const [message] = f.win.consoleErrors;
    expect(message).to.contain('"endpoint" expects an http(s) URL');
    expect(message).to.contain('"locale" expects one of ko, en');
    expect(message).to.contain('"blogUrl" expects a URL starting with https://');
    expect(f.win.pageErrors).to.deep.equal([]);
    expect((f.win as unknown as { afterRan?: boolean }).afterRan).to.be.true;
    const el = f.doc.querySelector('consult-widget')!;
    expect(el.shadowRoot!.querySelector('[part~="button-blog"]') === null, 'no javascript: link').to.be.true;
    expect(el.shadowRoot!.querySelector('[part~="button-cost"]') === null, 'no form without an endpoint').to.be.true;
    expect(el.shadowRoot!.querySelector('[part~="button-phone"]')).to.exist;
  });

  it('reports a JSON block that is not JSON', async () => {
    const f = await loadHtml(`<!doctype html><html><body>
      <script type="application/json" id="consult-widget-config">{ phone: 1833 }</script>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry"></script></body></html>`);
    await mounted(f);
    expect(f.win.consoleErrors.join('\n')).to.contain('#consult-widget-config');
    expect(f.win.pageErrors).to.deep.equal([]);
  });

  it('offers window.ConsultWidget open/close, with events for analytics', async () => {
    const f = await loadPage('/test/fixtures/plain.html');
    await mounted(f);
    const seen: string[] = [];
    for (const type of ['consult-open', 'consult-close'] as const) f.doc.addEventListener(type, (e) => seen.push(`${e.type}:${(e as CustomEvent).detail.formId}`));
    expect(await f.win.ConsultWidget!.open('consult')).to.be.true;
    const el = f.doc.querySelector('consult-widget')!;
    await waitUntil(() => el.shadowRoot!.querySelector('consult-dialog')?.shadowRoot?.querySelector('dialog[open]'));
    f.win.ConsultWidget!.close();
    expect(seen).to.deep.equal(['consult-open:consult', 'consult-close:consult']);
    expect(await f.win.ConsultWidget!.open('nope')).to.be.false;
    expect(f.win.consoleErrors.join('\n')).to.contain('open("nope")');
  });

  it('loads its chunks from the script URL, not the page base', async () => {
    const f = await loadHtml(`<!doctype html><html><head><base href="/elsewhere/"></head><body>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry"></script></body></html>`);
    await mounted(f);
    const el = f.doc.querySelector('consult-widget')!;
    expect(await f.win.ConsultWidget!.open('cost')).to.be.true;
    await waitUntil(() => el.shadowRoot!.querySelector('consult-dialog')?.shadowRoot?.querySelector('dialog[open]'));
    const chunks = f.win.performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname).filter((p) => p.endsWith('.js'));
    expect(chunks.some((p) => p.startsWith('/dist/chunks/'))).to.be.true;
    expect(chunks.filter((p) => p.startsWith('/elsewhere/'))).to.deep.equal([]);
  });

  it('keeps loading its chunks from where it came from when a page script changes its tag afterwards', async () => {
    const f = await loadHtml(`<!doctype html><html><body>
      <script id="tag" src="/dist/consult-widget.js" data-endpoint="/api/inquiry"></script></body></html>`);
    await mounted(f);
    // An optimizer or another script rewrites the tag once it has run.
    f.doc.getElementById('tag')!.setAttribute('src', '/elsewhere/consult-widget.js');
    const el = f.doc.querySelector('consult-widget')!;
    expect(await f.win.ConsultWidget!.open('cost')).to.be.true;
    await waitUntil(() => el.shadowRoot!.querySelector('consult-dialog')?.shadowRoot?.querySelector('dialog[open]'));
    const chunks = f.win.performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname).filter((p) => p.endsWith('.js'));
    expect(chunks.filter((p) => p.startsWith('/elsewhere/'))).to.deep.equal([]);
  });

  it('works under a strict Content-Security-Policy with no violations', async () => {
    const f = await loadPage('/test/fixtures/strict-csp.html');
    await mounted(f);
    const el = f.doc.querySelector('consult-widget')!;
    expect(await f.win.ConsultWidget!.open('cost')).to.be.true;
    const root = await waitUntil(() => el.shadowRoot!.querySelector('consult-dialog')?.shadowRoot?.querySelector('dialog[open] form'), 'no form').then(
      () => el.shadowRoot!.querySelector('consult-dialog')!.shadowRoot!,
    );
    const buttons = [...el.shadowRoot!.querySelectorAll('[part~="button"]')].map((b) => b.getAttribute('part'));
    expect(buttons, 'the JSON block decides the buttons').to.deep.equal(['button button-cost', 'button button-consult']);
    root.querySelector<HTMLButtonElement>('[part="policy-toggle"]')!.click();
    await waitUntil(() => !root.querySelector<HTMLElement>('#policy')!.hidden && root.querySelector('#policy')!.textContent!.includes('정책'), 'policy not shown');
    expect(f.win.getComputedStyle(root.querySelector('[part="submit"]')!).backgroundColor).to.equal('rgb(29, 78, 216)');
    expect(await cspReportsSoFar(f)).to.deep.equal([]);
  });

  it('speaks English when the page is in English, Korean when the page has no lang (in a Korean browser)', async () => {
    const en = await loadHtml(`<!doctype html><html lang="en"><body><script src="/dist/consult-widget.js" data-endpoint="/api/inquiry"></script></body></html>`);
    await mounted(en);
    await waitUntil(() => en.doc.querySelector('consult-widget')!.shadowRoot!.textContent!.includes('Cost inquiry'), 'not English', { timeout: 3000 });
    const buttons = [...en.doc.querySelector('consult-widget')!.shadowRoot!.querySelectorAll<HTMLElement>('[part~="button"]')];
    for (const b of buttons) expect(b.scrollWidth, `${b.textContent} fits its button`).to.be.at.most(b.clientWidth);
    const widths = new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().width)));
    expect(widths.size, 'one column of equal widths').to.equal(1);
    const ko = await loadHtml(`<!doctype html><html><body><script src="/dist/consult-widget.js" data-endpoint="/api/inquiry"></script></body></html>`);
    await mounted(ko);
    expect(ko.doc.querySelector('consult-widget')!.shadowRoot!.textContent).to.contain('비용 문의');
    const picked = await loadHtml(`<!doctype html><html lang="ko"><body><script src="/dist/consult-widget.js" data-endpoint="/api/inquiry" data-locale="en"></script></body></html>`);
    await mounted(picked);
    await waitUntil(() => picked.doc.querySelector('consult-widget')!.shadowRoot!.textContent!.includes('Free consultation'), 'data-locale ignored', { timeout: 3000 });
  });
});
