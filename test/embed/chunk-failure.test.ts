import { expect, waitUntil } from '@open-wc/testing';
import { expectFreshDist } from '../helpers-dist.js';
import { loadHtml, widgetOf } from './frames.js';

// These tests load dist/: it must be built from the current sources.
before(expectFreshDist);

describe('the built script when the form\'s code cannot be downloaded', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('tells the patient and offers the phone, then opens on the next tap', async () => {
    const key = Math.random().toString(36).slice(2);
    const frame = await loadHtml(
      // As in Safari, no requestIdleCallback: the idle preload waits 1.5 s after load, so the
      // download that fails is the tap's, not the preload's (which would take the failure).
      `<!doctype html><html><body><script>window.requestIdleCallback = undefined;</script><script src="/test/flaky-dist/${key}/consult-widget.js" data-endpoint="/api/inquiry" data-phone="1833-7488"></script></body></html>`,
    );
    await waitUntil(() => widgetOf(frame)?.shadowRoot?.querySelector('[part~="button-cost"]'), 'no buttons');
    const root = widgetOf(frame).shadowRoot!;
    const notice = root.querySelector<HTMLElement>('[part="notice"]')!;
    const cost = root.querySelector<HTMLButtonElement>('[part~="button-cost"]')!;
    // The one console error this causes is expected: keep it out of the test output.
    const errors: unknown[] = [];
    (frame.win as unknown as typeof globalThis).console.error = (...args: unknown[]) => errors.push(args);
    cost.click();
    await waitUntil(() => !notice.hidden, 'no notice', { timeout: 5000 });
    expect(errors).to.have.length(1);
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(notice.textContent).to.contain('열지 못했습니다');
    expect(notice.querySelector('a')!.getAttribute('href')).to.equal('tel:18337488');
    cost.click();
    await waitUntil(() => root.querySelector('consult-dialog')?.shadowRoot?.querySelector('dialog[open]'), 'the form did not open on the next tap', { timeout: 5000 });
    expect(notice.hidden).to.be.true;
  });
});
