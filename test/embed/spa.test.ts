import { expect, waitUntil } from '@open-wc/testing';
import type { ConsultWidget } from '../../src/components/widget/widget.js';
import { expectFreshDist } from '../helpers-dist.js';
import { loadHtml } from './frames.js';

// These tests load dist/: it must be built from the current sources.
before(expectFreshDist);

const widgetOf = (doc: Document) => doc.querySelector('consult-widget') as ConsultWidget | null;
const nextFrame = (win: Window) => new Promise((resolve) => win.requestAnimationFrame(resolve));
const SCRIPT = '<script src="/dist/consult-widget.js" data-endpoint="/api/inquiry" data-phone="1833-7488"></script>';

describe('the built script on single-page sites and in a hurry', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('is one classic script: the buttons need no other request', async () => {
    const { win, doc } = await loadHtml(`<!doctype html><html><body>${SCRIPT}</body></html>`);
    await waitUntil(() => widgetOf(doc)?.shadowRoot?.querySelector('[part~="button-cost"]'), 'no buttons');
    const scripts = win.performance.getEntriesByType('resource').filter((e) => e.name.includes('/dist/')).map((e) => new URL(e.name).pathname);
    expect(scripts[0]).to.equal('/dist/consult-widget.js');
    expect(scripts.filter((s) => !s.startsWith('/dist/chunks/'))).to.deep.equal(['/dist/consult-widget.js']);
  });

  it('opens a form and resolves true when open() is called right after the script tag, in the configured language', async () => {
    const { win, doc } = await loadHtml(
      `<!doctype html><html><body>${SCRIPT}<script>window.opened = ConsultWidget.open('cost'); ConsultWidget.configure({ locale: 'en' }); window.opened2 = ConsultWidget.open('consult');</script></body></html>`,
    );
    const w = win as typeof win & { opened: Promise<boolean>; opened2: Promise<boolean> };
    expect(await w.opened).to.be.true;
    expect(await w.opened2).to.be.true;
    const dialog = widgetOf(doc)!.shadowRoot!.querySelector('consult-dialog')!;
    await waitUntil(() => dialog.shadowRoot!.querySelector('dialog[open] [part="title"]'));
    expect(dialog.shadowRoot!.querySelector('[part="title"]')!.textContent).to.equal('Free consultation');
  });

  it('stays through a page that replaces <body>, and comes back within a frame when removed, with the draft kept', async () => {
    const { win, doc } = await loadHtml(`<!doctype html><html><body><p>page 1</p>${SCRIPT}</body></html>`);
    await waitUntil(() => widgetOf(doc)?.shadowRoot?.querySelector('[part~="button-cost"]'), 'no buttons');
    const el = widgetOf(doc)!;
    expect(await win.ConsultWidget!.open('cost')).to.be.true;
    const dialog = el.shadowRoot!.querySelector('consult-dialog')!;
    await waitUntil(() => dialog.shadowRoot!.querySelector('dialog[open] [name="name"]'));
    const name = dialog.shadowRoot!.querySelector<HTMLInputElement>('[name="name"]')!;
    name.value = '홍길동';
    name.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    // Turbo Drive / Astro: a new <body> replaces the old one; then a History API navigation.
    const body = doc.createElement('body');
    body.innerHTML = '<p>page 2</p>';
    doc.body.replaceWith(body);
    win.history.pushState({}, '', '?page=2');
    await nextFrame(win);
    expect(widgetOf(doc) === el && el.isConnected, 'the same element, never taken out').to.be.true;
    expect(dialog.shadowRoot!.querySelector('dialog[open] [name="name"]'), 'the form the patient was filling in is still open').to.not.equal(null);
    // A framework re-rendering the body's children after navigating.
    doc.body.replaceChildren(doc.createElement('main'));
    await nextFrame(win);
    expect(el.isConnected).to.be.true;
    // A page that empties <html> itself takes the element out: it closes, and is back by the next frame.
    doc.documentElement.replaceChildren(doc.createElement('body'));
    await nextFrame(win);
    expect(widgetOf(doc) === el && el.isConnected, 'the same element is back').to.be.true;
    expect(doc.documentElement.style.overflow, 'scroll not left locked').to.not.equal('hidden');
    expect(await win.ConsultWidget!.open('cost')).to.be.true;
    await waitUntil(() => dialog.shadowRoot!.querySelector('dialog[open] [name="name"]'));
    expect(dialog.shadowRoot!.querySelector<HTMLInputElement>('[name="name"]')!.value).to.equal('홍길동');
  });

  it('answers a tap before the form’s code is in with a loading state at once, then the form', async () => {
    const { doc } = await loadHtml(
      `<!doctype html><html><body><script src="/test/slow-dist/consult-widget.js" data-endpoint="/api/inquiry"></script></body></html>`,
    );
    await waitUntil(() => widgetOf(doc)?.shadowRoot?.querySelector('[part~="button-cost"]'), 'no buttons');
    const el = widgetOf(doc)!;
    el.shadowRoot!.querySelector<HTMLElement>('[part~="button-cost"]')!.click();
    await el.updateComplete;
    const loading = el.shadowRoot!.querySelector<HTMLElement>('[part="loading"]');
    expect(loading, 'a loading state right after the tap').to.exist;
    expect(loading!.getAttribute('role')).to.equal('status');
    expect(loading!.getBoundingClientRect().width).to.be.greaterThan(0);
    await waitUntil(() => el.shadowRoot!.querySelector('consult-dialog')?.shadowRoot?.querySelector('dialog[open] input[name="name"]'), 'the form did not open', {
      timeout: 5000,
    });
    expect(el.shadowRoot!.querySelector('[part="loading"]')).to.equal(null);
  });

  for (const how of ['Escape', 'a tap on it'] as const) {
    it(`lets a patient who will not wait take the loading state away with ${how}; the form does not pop up when its code comes`, async () => {
      // The form's code takes 3 s to come.
      const { win, doc } = await loadHtml(
        `<!doctype html><html><body><script src="/test/slow-dist-3000/consult-widget.js" data-endpoint="/api/inquiry"></script></body></html>`,
      );
      await waitUntil(() => widgetOf(doc)?.shadowRoot?.querySelector('[part~="button-cost"]'), 'no buttons');
      const el = widgetOf(doc)!;
      el.shadowRoot!.querySelector<HTMLElement>('[part~="button-cost"]')!.click();
      await el.updateComplete;
      const loading = el.shadowRoot!.querySelector<HTMLElement>('[part="loading"]')!;
      if (how === 'Escape') win.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      else {
        // The second tap of a double tap lands on it at once: that is no letting go.
        loading.click();
        await el.updateComplete;
        expect(el.shadowRoot!.querySelector('[part="loading"]'), 'a double tap keeps it').to.exist;
        // A tap once the double-tap moment (700 ms) has passed.
        await new Promise((resolve) => setTimeout(resolve, 750));
        loading.click();
      }
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="loading"]'), 'gone at once').to.equal(null);
      // The code arrives, runs, and the closed dialog is built: it stays closed.
      await waitUntil(() => el.shadowRoot!.querySelector('consult-dialog')?.shadowRoot?.querySelector('dialog'), 'the code did not come', { timeout: 8000 });
      await nextFrame(win);
      expect(el.shadowRoot!.querySelector('consult-dialog')!.shadowRoot!.querySelector('dialog[open]')).to.equal(null);
    });
  }

  it('on a connection that carries nothing more, gives up after 10 s: says so, offers the phone as a button, and can be closed', async function () {
    this.timeout(25_000);
    const f = await loadHtml(
      `<!doctype html><html><body><script src="/test/stalled-dist/consult-widget.js" data-endpoint="/api/inquiry" data-phone="1833-7488"></script></body></html>`,
    );
    await waitUntil(() => widgetOf(f.doc)?.shadowRoot?.querySelector('[part~="button-cost"]'), 'no buttons');
    const el = widgetOf(f.doc)!;
    const cost = el.shadowRoot!.querySelector<HTMLElement>('[part~="button-cost"]')!;
    // A first tap let go at once: when its wait runs out, nothing more is said of it.
    cost.click();
    await el.updateComplete;
    f.win.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await el.updateComplete;
    cost.click();
    const notice = el.shadowRoot!.querySelector<HTMLElement>('[part="notice"]')!;
    await waitUntil(() => !notice.hidden, 'no word after the wait', { timeout: 15_000 });
    expect(el.shadowRoot!.querySelector('[part="loading"]'), 'the loading state is gone').to.equal(null);
    expect(notice.textContent).to.contain('문의 창을 열지 못했습니다');
    const call = notice.querySelector<HTMLAnchorElement>('a[href="tel:18337488"]')!;
    expect(call.getBoundingClientRect().height, 'the phone is a button-sized target').to.be.at.least(44);
    expect(parseFloat(getComputedStyle(notice).fontSize)).to.be.at.least(16);
    expect(f.win.consoleErrors.filter((e) => e.includes('could not be opened')), 'said once, of the tap not let go').to.have.length(1);
    const dismiss = notice.querySelector<HTMLButtonElement>('button')!;
    expect(dismiss.getAttribute('aria-label')).to.equal('닫기');
    expect(dismiss.getBoundingClientRect().width).to.be.at.least(44);
    dismiss.click();
    await el.updateComplete;
    expect(notice.hidden).to.be.true;
  });

  it('fetches the form’s code when the browser is idle after load, and runs it only on intent', async () => {
    const { win, doc } = await loadHtml(`<!doctype html><html><body>${SCRIPT}</body></html>`);
    const fetched = () => win.performance.getEntriesByType('resource').some((e) => /\/dist\/chunks\/dialog-[^/]+\.js$/.test(e.name));
    await waitUntil(fetched, 'the dialog was not fetched when idle', { timeout: 8000 });
    expect(win.customElements.get('consult-dialog'), 'not run before intent').to.equal(undefined);
    const cost = widgetOf(doc)!.shadowRoot!.querySelector('[part~="button-cost"]')!;
    cost.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    await waitUntil(() => win.customElements.get('consult-dialog'), 'not run on intent');
  });

  it('records the page the patient arrived on, with its campaign, when the browser is idle, though a single-page site moved on', async () => {
    // Frames share the test page's sessionStorage: start the visit afresh.
    sessionStorage.removeItem('consult-widget.visit');
    const { win } = await loadHtml(`<!doctype html><html><body>${SCRIPT}</body></html>`, { query: 'utm_source=naver&utm_campaign=hair&gclid=g1' });
    const arrived = win.location.href;
    win.history.pushState(null, '', '/test/page?moved-on=1');
    await waitUntil(() => win.sessionStorage.getItem('consult-widget.visit'), 'the visit was not recorded when idle', { timeout: 8000 });
    const visit = JSON.parse(win.sessionStorage.getItem('consult-widget.visit')!);
    expect(visit.landing).to.equal(arrived);
    expect(visit.utm).to.deep.equal({ source: 'naver', campaign: 'hair', gclid: 'g1' });
    expect(win.customElements.get('consult-dialog'), 'the dialog is not run for it').to.equal(undefined);
  });

  it('with data-mount="none" registers the elements for a page that places <consult-widget> itself, mounting nothing', async () => {
    const { doc } = await loadHtml(
      `<!doctype html><html><body><consult-widget endpoint="/api/inquiry" phone="1833-7488"></consult-widget><script src="/dist/consult-widget.js" data-mount="none"></script></body></html>`,
    );
    await waitUntil(() => widgetOf(doc)?.shadowRoot?.querySelector('[part~="button-phone"]'), 'the placed element did not render');
    expect(doc.querySelectorAll('consult-widget')).to.have.length(1);
  });

  it('with data-mount="none", renders a <consult-widget> the page places inside a component of its own (a shadow root)', async () => {
    const { doc } = await loadHtml(`<!doctype html><html><body><clinic-shell></clinic-shell>
      <script>
        customElements.define('clinic-shell', class extends HTMLElement {
          connectedCallback() { this.attachShadow({ mode: 'open' }).innerHTML = '<consult-widget endpoint="/api/inquiry" phone="1833-7488"></consult-widget>'; }
        });
      </script>
      <script src="/dist/consult-widget.js" data-mount="none"></script></body></html>`);
    const inner = () => doc.querySelector('clinic-shell')!.shadowRoot!.querySelector('consult-widget');
    await waitUntil(() => inner()?.shadowRoot?.querySelector('[part~="button-phone"]'), 'the element in the shadow root did not render');
  });
});
