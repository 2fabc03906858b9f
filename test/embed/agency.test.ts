// What an agency does with the built script on pages it did not build: places the element
// itself, mistypes a setting, runs a nonce-based CSP, points a custom button at a form.
import { expect, aTimeout } from '@open-wc/testing';
import { expectFreshDist } from '../helpers-dist.js';
import { loadHtml, mounted, widgetOf } from './frames.js';

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

  it('under a nonce-based CSP (no host list), preloading the form causes no CSP report', async () => {
    const f = await loadHtml(
      `<!doctype html><html><head><script nonce="r4nd0m" src="/test/fixtures/csp-watch.js"></script></head><body>
      <script nonce="r4nd0m" src="/dist/consult-widget.js" data-endpoint="/api/inquiry"></script></body></html>`,
      { csp: "script-src 'nonce-r4nd0m'; style-src 'self'; connect-src 'self'" },
    );
    await mounted(f);
    // The dialog's code is preloaded when the browser is idle after load.
    const preloaded = () => f.doc.querySelectorAll('link[rel="modulepreload"]').length > 0;
    for (let i = 0; i < 50 && !preloaded(); i++) await aTimeout(100);
    expect(preloaded(), 'preloaded').to.be.true;
    await aTimeout(500);
    expect(f.win.cspViolations).to.deep.equal([]);
    expect(await f.win.ConsultWidget!.open('cost')).to.be.true;
  });

  it('a JSON block that is not JSON is reported as such, not as missing', async () => {
    const f = await loadHtml(`<!doctype html><html><body>
      <script type="application/json" id="consult-widget-config">{ "phone": "1833-7488", }</script>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry"></script></body></html>`);
    await mounted(f);
    await aTimeout(200);
    expect(f.win.consoleErrors).to.have.length(1);
    expect(f.win.consoleErrors[0]).to.contain('#consult-widget-config').and.not.contain('missing');
    expect(f.win.consoleErrors[0], 'where it breaks').to.contain('in JSON at position');
  });
});
