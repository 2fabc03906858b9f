import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { expectFreshDist } from '../helpers-dist.js';
import { fillAndSend, loadHtml, widgetOf, type Frame } from './frames.js';

// These tests load dist/: it must be built from the current sources.
before(expectFreshDist);

const uniqueKey = () => Math.random().toString(36).slice(2);

/**
 * The built script on a phone whose connection dropped while chunks/<chunk>-*.js downloaded
 * (test/endpoints.ts): the first tap tells the patient and offers the phone, the next one opens the form.
 */
async function failsOnceThenOpens(chunk: 'dialog' | 'outbox' | 'outbox~2' | 'ko.dialog', endpoint = '/api/inquiry', beforeTap = async (_frame: Frame) => {}) {
  const frame = await loadHtml(
    `<!doctype html><html><body><script src="/test/flaky-dist/${chunk}/consult-widget.js" data-endpoint="${endpoint}" data-phone="1833-7488"></script></body></html>`,
  );
  await waitUntil(() => widgetOf(frame)?.shadowRoot?.querySelector('[part~="button-cost"]'), 'no buttons');
  await beforeTap(frame);
  const widget = widgetOf(frame);
  const root = widget.shadowRoot!;
  const notice = root.querySelector<HTMLElement>('[part="notice"]')!;
  const cost = root.querySelector<HTMLButtonElement>('[part~="button-cost"]')!;
  // The one console error this causes is expected: caught here, and checked.
  const errors: string[] = [];
  (frame.win as unknown as typeof globalThis).console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
  cost.click();
  await waitUntil(() => !notice.hidden, 'no notice', { timeout: 5000 });
  expect(errors).to.have.length(1);
  expect(errors[0]).to.contain('[consult-widget] The form could not be opened');
  expect(notice.getAttribute('role')).to.equal('alert');
  expect(notice.textContent).to.contain('열지 못했습니다');
  expect(notice.querySelector('a')!.getAttribute('href')).to.equal('tel:18337488');
  cost.click();
  await waitUntil(() => root.querySelector('consult-dialog')?.shadowRoot?.querySelector('dialog[open] form'), 'the form did not open on the next tap', {
    timeout: 5000,
  });
  expect(notice.hidden).to.be.true;
  expect(errors).to.have.length(1);
  return { frame, widget, form: root.querySelector('consult-dialog')!.shadowRoot! };
}

describe('the built script when the form\'s code cannot be downloaded', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('tells the patient and offers the phone, then opens on the next tap', async () => {
    await failsOnceThenOpens('dialog');
  });

  it('keeps the notice and its close button on a phone zoomed to 200%: it scrolls instead of running off the top', async () => {
    const frame = await loadHtml(
      `<!doctype html><html><head><meta name="viewport" content="width=device-width"></head><body><script src="/test/flaky-dist/dialog/consult-widget.js" data-endpoint="/api/inquiry" data-phone="1833-7488"></script></body></html>`,
    );
    // 320 x 568 at 200%.
    Object.assign(frame.frame.style, { width: '160px', height: '284px' });
    await waitUntil(() => widgetOf(frame)?.shadowRoot?.querySelector('[part="launcher"]'), 'no launcher');
    const root = widgetOf(frame).shadowRoot!;
    (frame.win as unknown as typeof globalThis).console.error = () => undefined;
    await frame.win.ConsultWidget!.open('cost');
    const notice = root.querySelector<HTMLElement>('[part="notice"]')!;
    await waitUntil(() => !notice.hidden, 'no notice', { timeout: 5000 });
    const dismiss = notice.querySelector<HTMLElement>('.dismiss')!.getBoundingClientRect();
    expect(dismiss.top, 'the close button on screen').to.be.at.least(0);
    expect(notice.getBoundingClientRect().top, 'the notice starts on screen').to.be.at.least(0);
    const call = notice.querySelector<HTMLElement>('.call')!;
    expect(call.getClientRects().length, 'the phone on one line').to.equal(1);
    expect(call.getBoundingClientRect().height).to.be.at.most(46);
  });

  it("opens on the next tap when the dialog's Korean texts failed to download", async () => {
    const { form } = await failsOnceThenOpens('ko.dialog');
    expect(form.querySelector('[part="submit"]')!.textContent).to.contain('비용 문의 보내기');
  });

  it("on an English page whose button texts failed to download: Korean buttons, then the next tap brings English and the form in it", async () => {
    const frame = await loadHtml(`<!doctype html><html lang="en"><body><script src="/test/flaky-dist/en.widget/consult-widget.js" data-endpoint="/api/inquiry"></script></body></html>`);
    await waitUntil(() => widgetOf(frame)?.shadowRoot?.querySelector('[part~="button-cost"]'), 'no buttons');
    const root = widgetOf(frame).shadowRoot!;
    const cost = root.querySelector<HTMLButtonElement>('[part~="button-cost"]')!;
    await waitUntil(() => frame.win.consoleErrors.length === 1, 'no console error');
    expect(frame.win.consoleErrors[0]).to.contain('The "en" texts could not be loaded');
    expect(cost.textContent).to.contain('비용 문의');
    cost.click();
    await waitUntil(() => root.querySelector('consult-dialog')?.shadowRoot?.querySelector('dialog[open] form'), 'the form did not open', { timeout: 5000 });
    const dialog = root.querySelector('consult-dialog')!.shadowRoot!;
    expect(dialog.querySelector('dialog')!.getAttribute('lang')).to.equal('en');
    expect(dialog.querySelector('[part="submit"]')!.textContent).to.contain('Send cost inquiry');
    await waitUntil(() => cost.textContent!.includes('Cost inquiry'), 'the buttons stayed in Korean');
    expect(frame.win.consoleErrors).to.have.length(1);
  });

  it('opens on the next tap when the outbox chunk the form needs failed to download (when idle, then on the tap), and the form sends', async () => {
    const key = uniqueKey();
    // The outbox chunk runs when the browser is idle (it records the visit): that first download fails, then the tap's.
    const idleTryFailed = async (frame: Frame) => {
      await waitUntil(() => frame.win.performance.getEntriesByType('resource').some((e) => /\/chunks\/outbox-[^/?]+\.js$/.test(e.name)), 'no try when idle', { timeout: 8000 });
    };
    const { widget, form } = await failsOnceThenOpens('outbox~2', `/test/ok?key=${key}`, idleTryFailed);
    const success = oneEvent(widget, 'consult-success');
    fillAndSend(form);
    expect((await success).detail.status).to.equal(201);
    const attempts = (await (await fetch(`/test/attempts?key=${key}`)).json()) as unknown[];
    expect(attempts).to.have.length(1);
  });
});
