import { expect, waitUntil } from '@open-wc/testing';
import { fetched, idleTaskDone, loadHtml, mounted, widgetOf } from './frames.js';

describe('the script tag at the edges of its API', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('still shows the buttons, with one console error, when the page made window.ConsultWidget read-only', async () => {
    const f = await loadHtml(`<!doctype html><html><body>
      <script>Object.defineProperty(window, 'ConsultWidget', { value: { mine: true }, writable: false });</script>
      <script src="/dist/consult-widget.js" data-endpoint="/test/ok" data-phone="1833-7488"></script></body></html>`);
    await mounted(f);
    await idleTaskDone(f);
    expect(f.win.pageErrors, 'nothing thrown into the page').to.deep.equal([]);
    expect(f.win.consoleErrors).to.have.length(1);
    expect(f.win.consoleErrors[0]).to.contain('window.ConsultWidget is read-only');
    expect((f.win as unknown as { ConsultWidget: { mine?: boolean } }).ConsultWidget.mine, 'the page keeps its own').to.be.true;
    expect(await widgetOf(f).open('cost'), 'the element still opens its forms').to.be.true;
  });

  it('says so when data-mount="none" and the page never places a <consult-widget>', async () => {
    const f = await loadHtml(`<!doctype html><html><body>
      <script src="/dist/consult-widget.js" data-mount="none"></script></body></html>`);
    await waitUntil(() => f.win.customElements.get('consult-widget'), 'the elements were not registered');
    expect(await f.win.ConsultWidget!.open('cost')).to.be.false;
    expect(f.win.consoleErrors).to.have.length(1);
    expect(f.win.consoleErrors[0]).to.contain('No <consult-widget> in the page');
  });

  it('does not fetch the form\'s code on a page where no button opens it', async () => {
    // No endpoint (no forms) and no address or hours (no directions panel): only links.
    const f = await loadHtml(`<!doctype html><html><body>
      <script src="/dist/consult-widget.js" data-phone="1833-7488" data-blog-url="https://blog.naver.com/x"></script></body></html>`);
    await mounted(f);
    // The idle task adds the preload links, if any, before it starts the outbox chunk's download.
    await idleTaskDone(f);
    expect(f.doc.querySelector('link[rel="modulepreload"]')).to.equal(null);
    expect(fetched(f, 'dialog')).to.be.false;
    // A directions panel is enough to want it.
    const g = await loadHtml(`<!doctype html><html><body>
      <script src="/dist/consult-widget.js" data-address="서울 강남구 테헤란로 1"></script></body></html>`);
    await mounted(g);
    await waitUntil(() => fetched(g, 'dialog'), 'the directions panel\'s code was not preloaded', { timeout: 8000 });
  });
});
