// What an agency does with the built script on pages it did not build: places the element
// itself, mistypes a setting, runs a nonce-based CSP, points a custom button at a form.
import { expect, aTimeout, waitUntil } from '@open-wc/testing';
import { expectFreshDist } from '../helpers-dist.js';
import { cspReportsSoFar, fetched, fillAndSend, idleTaskDone, loadHtml, mounted, openForm, widgetOf } from './frames.js';
import { outbox } from '../../src/delivery/outbox.js';

// These tests load dist/: it must be built from the current sources.
before(expectFreshDist);

const parts = (el: Element) => [...el.shadowRoot!.querySelectorAll('[part~="button"]')].map((b) => b.getAttribute('part'));

describe('the built script tag as agencies paste it', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('with data-mount="none", window.ConsultWidget works on the <consult-widget> the page placed (its calls never hang)', async () => {
    const f = await loadHtml(`<!doctype html><html><body>
      <consult-widget endpoint="/api/inquiry" phone="1833-7488"></consult-widget>
      <script src="/dist/consult-widget.js" data-mount="none"></script>
      <script>window.early = ConsultWidget.open('cost');</script></body></html>`);
    await mounted(f);
    const settled = (p: Promise<unknown>) => Promise.race([p, aTimeout(3000).then(() => 'still waiting')]);
    expect(await settled((f.win as unknown as { early: Promise<boolean> }).early), 'a call queued before the script ran').to.equal(true);
    f.win.ConsultWidget!.close();
    f.win.ConsultWidget!.configure({ blogUrl: 'https://blog.example/clinic' });
    expect(await settled(f.win.ConsultWidget!.open('consult')), 'a call after').to.equal(true);
    expect(parts(widgetOf(f))).to.include('button button-blog');
    expect(f.win.consoleErrors).to.deep.equal([]);
  });

  it('a custom form button naming a form that does not exist is left out, with one console error naming it', async () => {
    const f = await loadHtml(`<!doctype html><html><body>
      <script type="application/json" id="consult-widget-config">{ "buttons": ["cost", { "type": "form", "label": "이벤트 신청", "form": "evnet" }],
        "forms": [{ "id": "event", "fields": [{ "name": "name", "kind": "text" }] }] }</script>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry"></script></body></html>`);
    await mounted(f);
    await idleTaskDone(f);
    expect(parts(widgetOf(f)), 'no button that opens nothing').to.deep.equal(['button button-cost']);
    expect(f.win.consoleErrors).to.have.length(1);
    expect(f.win.consoleErrors[0]).to.contain('"buttons.1.form"').and.contain('"evnet"').and.contain('"forms"');
  });

  it('under a nonce-based CSP (no host list), preloading the form causes no CSP report', async () => {
    const f = await loadHtml(
      `<!doctype html><html><head><script nonce="r4nd0m" src="/test/fixtures/csp-watch.js"></script></head><body>
      <script nonce="r4nd0m" src="/dist/consult-widget.js" data-endpoint="/api/inquiry"></script></body></html>`,
      { csp: "script-src 'nonce-r4nd0m'; style-src 'self'; connect-src 'self'" },
    );
    await mounted(f);
    // The dialog's code is preloaded when the browser is idle after load.
    await waitUntil(() => f.doc.querySelector('link[rel="modulepreload"]'), 'not preloaded', { timeout: 8000 });
    // Every link's download started (where CSP checks it) before the dialog's was done; a blocked one is reported instead.
    await waitUntil(() => fetched(f, 'dialog') || f.win.cspViolations!.length > 0, 'the preload neither finished nor was blocked', { timeout: 8000 });
    expect(await cspReportsSoFar(f)).to.deep.equal([]);
    expect(await f.win.ConsultWidget!.open('cost')).to.be.true;
  });

  it('keeps an inquiry the page\'s CSP will not let out to the endpoint, and says on the console what to add to connect-src', async () => {
    const other = `${location.protocol}//${location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}`;
    const f = await loadHtml(
      `<!doctype html><html><body>
      <script type="application/json" id="consult-widget-config">{ "retries": 1 }</script>
      <script src="/dist/consult-widget.js" data-endpoint="${other}/test/ok?key=csp"></script></body></html>`,
      { csp: "script-src 'self'; connect-src 'self'" },
    );
    await mounted(f);
    const queued = new Promise((resolve) => f.doc.addEventListener('consult-queued', resolve));
    fillAndSend(await openForm(f, widgetOf(f)));
    await queued;
    await waitUntil(() => f.win.consoleErrors.some((e) => e.includes('Content-Security-Policy')), 'the console did not name the CSP', { timeout: 5000 });
    expect(f.win.consoleErrors.filter((e) => e.includes('Content-Security-Policy'))).to.deep.equal([
      `[consult-widget] This page's Content-Security-Policy blocks ${other}: add it to connect-src.`,
    ]);
    for (const item of await outbox.items()) await outbox.remove(item.id);
  });

  it('with Data Saver on, fetches the form\'s code on intent, not when the browser is idle, and the form still opens', async () => {
    const page = (saveData: boolean) => `<!doctype html><html><body>
      <script>Object.defineProperty(navigator, 'connection', { value: { saveData: ${saveData} } });</script>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry"></script></body></html>`;
    // Without it, the form's code is fetched once the browser is idle (the visit is recorded then, from the outbox chunk).
    const usual = await loadHtml(page(false));
    await mounted(usual);
    await waitUntil(() => fetched(usual, 'outbox') && fetched(usual, 'dialog'), 'the form was not preloaded when idle', { timeout: 8000 });
    const f = await loadHtml(page(true));
    await mounted(f);
    // The idle task adds the preload links, if any, before it starts the outbox chunk's download.
    await waitUntil(() => fetched(f, 'outbox'), 'the visit was not recorded when idle', { timeout: 8000 });
    expect(fetched(f, 'dialog'), 'the form\'s code').to.be.false;
    expect(f.doc.querySelector('link[rel="modulepreload"]')).to.equal(null);
    const button = widgetOf(f).shadowRoot!.querySelector<HTMLElement>('[part~="button-cost"]')!;
    button.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    await waitUntil(() => fetched(f, 'dialog'), 'not fetched on intent', { timeout: 5000 });
    expect(await f.win.ConsultWidget!.open('cost')).to.be.true;
    expect(f.win.consoleErrors).to.deep.equal([]);
  });

  it('a setting written as a data attribute it does not have (or misspelled) gets a console error naming it', async () => {
    const f = await loadHtml(`<!doctype html><html><body>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry" data-launcher-label="문의" data-marketing-consent="true" data-kakaourl="https://pf.kakao.com/_x/chat" data-cfasync="false"></script></body></html>`);
    await mounted(f);
    await idleTaskDone(f);
    const errors = f.win.consoleErrors.join('\n');
    expect(errors).to.contain('"data-launcher-label"').and.contain('"data-marketing-consent"').and.contain('"data-kakaourl"').and.contain('data-kakao-url');
    expect(errors, 'attributes that are not ours are left alone').to.not.contain('cfasync');
    expect(f.win.consoleErrors).to.have.length(1);
  });

  it('reports a broken JSON block and a bad data attribute in one console error', async () => {
    const f = await loadHtml(`<!doctype html><html><body>
      <script type="application/json" id="consult-widget-config">{ "phone": "1833-7488", }</script>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry" data-locale="fr"></script></body></html>`);
    await mounted(f);
    await idleTaskDone(f);
    expect(f.win.consoleErrors).to.have.length(1);
    expect(f.win.consoleErrors[0]).to.contain('#consult-widget-config').and.contain('"locale"');
  });

  it('a JSON block that is not JSON is reported as such, not as missing', async () => {
    const f = await loadHtml(`<!doctype html><html><body>
      <script type="application/json" id="consult-widget-config">{ "phone": "1833-7488", }</script>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry"></script></body></html>`);
    await mounted(f);
    await idleTaskDone(f);
    expect(f.win.consoleErrors).to.have.length(1);
    expect(f.win.consoleErrors[0]).to.contain('#consult-widget-config').and.not.contain('missing');
    expect(f.win.consoleErrors[0], 'where it breaks').to.contain('in JSON at position');
  });
});
