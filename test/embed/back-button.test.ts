import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { ConsultCloseDetail } from '../../src/events.js';
import { expectFreshDist } from '../helpers-dist.js';
import { fillAndSend, loadHtml, mounted, openForm, widgetOf, type Frame } from './frames.js';

// These tests load dist/: it must be built from the current sources.
before(expectFreshDist);

const SCRIPT = '<script src="/dist/consult-widget.js" data-endpoint="/api/inquiry" data-phone="1833-7488"></script>';
const PLAIN_PAGE = `<!doctype html><html><body><p>임플란트 안내</p>${SCRIPT}</body></html>`;

const dialogOf = (f: Frame) => widgetOf(f).shadowRoot!.querySelector('consult-dialog')!.shadowRoot!;
const isOpen = (f: Frame) => !!dialogOf(f).querySelector('dialog[open]');
const closed = (f: Frame) => oneEvent(f.doc, 'consult-close') as Promise<CustomEvent<ConsultCloseDetail>>;

function type(root: ShadowRoot, name: string, value: string): void {
  const field = root.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** A plain page with the script tag, its document marked so that a reload or a navigation would show. */
async function plainPage(markup = PLAIN_PAGE): Promise<Frame> {
  const f = await loadHtml(markup);
  await mounted(f);
  (f.win as unknown as { sameDocument: boolean }).sameDocument = true;
  return f;
}
/** The page with the script after a "previous page" in the same frame: a back one step too far stays in the frame, and shows. */
async function afterPreviousPage(markup = PLAIN_PAGE): Promise<Frame> {
  const previous = await loadHtml('<!doctype html><html><body><p>previous page</p></body></html>');
  const f = await loadHtml(markup, { frame: previous.frame });
  await mounted(f);
  (f.win as unknown as { sameDocument: boolean }).sameDocument = true;
  return f;
}
/** Where the frame is in its history (Chromium has the Navigation API). */
const entryIndex = (f: Frame) => (f.frame.contentWindow as unknown as { navigation: { currentEntry: { index: number } } }).navigation.currentEntry.index;
const frames = (f: Frame, n = 3) => new Promise<void>((resolve) => (n ? f.win.requestAnimationFrame(() => void frames(f, n - 1).then(resolve)) : resolve()));
const sameDocument = (f: Frame) => (f.frame.contentWindow as unknown as { sameDocument?: boolean }).sameDocument === true;

describe('the back button with the form open (KakaoTalk\'s and Naver\'s browsers, swipe-back)', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('closes the form and keeps the page, its address and what was typed; back works again on the next opening', async () => {
    const f = await plainPage();
    const address = f.win.location.href;
    // (Not history.length: Chrome stops counting at 50, which a long test run reaches.)
    const root = await openForm(f, widgetOf(f));
    expect(f.win.history.state, 'an entry for the open form').to.have.property('consultDialog');
    expect(f.win.location.href, 'the address does not change').to.equal(address);
    type(root, 'name', '홍길동');

    const close = closed(f);
    f.win.history.back();
    expect((await close).detail).to.deep.equal({ formId: 'cost', reason: 'back' });
    expect(isOpen(f)).to.be.false;
    expect(sameDocument(f), 'still the same page').to.be.true;
    expect(f.win.location.href).to.equal(address);
    expect(f.win.getComputedStyle(f.doc.documentElement).overflow, 'the page scrolls again').to.not.equal('hidden');

    const again = await openForm(f, widgetOf(f));
    expect(again.querySelector<HTMLInputElement>('[name="name"]')!.value, 'the draft is kept').to.equal('홍길동');
    const closeAgain = closed(f);
    f.win.history.back();
    expect((await closeAgain).detail.reason).to.equal('back');
    expect(sameDocument(f)).to.be.true;
    expect(f.win.history.state, 'back on the page\'s own entry').to.equal(null);
  });

  it('takes its entry off when the form is closed another way, so the next back leaves as it would have', async () => {
    const f = await plainPage();
    const root = await openForm(f, widgetOf(f));
    expect(f.win.history.state, 'the entry of the open form').to.not.equal(null);
    root.querySelector<HTMLButtonElement>('[part="close-button"]')!.click();
    await waitUntil(() => f.win.history.state === null, 'the page\'s own entry is current again', { timeout: 3000 });
    expect(isOpen(f)).to.be.false;

    // Escape (the cancel event Chrome fires for it) takes the entry with it too.
    await openForm(f, widgetOf(f));
    dialogOf(f).querySelector('dialog')!.dispatchEvent(new Event('cancel', { cancelable: true }));
    await waitUntil(() => !isOpen(f) && f.win.history.state === null, 'closed by Escape, the entry taken off', { timeout: 3000 });
    expect(sameDocument(f)).to.be.true;
  });

  it('a form opened again before its entry came off stays open, with an entry of its own', async () => {
    const f = await plainPage();
    const root = await openForm(f, widgetOf(f));
    const seen: string[] = [];
    f.doc.addEventListener('consult-close', (e) => seen.push((e as CustomEvent<ConsultCloseDetail>).detail.reason));
    root.querySelector<HTMLButtonElement>('[part="close-button"]')!.click();
    // At once, in the same task as the close: our step back has not landed yet.
    await openForm(f, widgetOf(f), 'consult');
    await waitUntil(() => f.win.history.state !== null && isOpen(f), 'the reopened form has its entry', { timeout: 3000 });
    // Let any late popstate land: a second frame after the entry is back.
    await new Promise((resolve) => f.win.requestAnimationFrame(() => f.win.requestAnimationFrame(resolve)));
    expect(isOpen(f), 'our own step back did not close the new form').to.be.true;
    expect(seen).to.deep.equal(['close-button']);

    const close = closed(f);
    f.win.history.back();
    expect((await close).detail).to.deep.equal({ formId: 'consult', reason: 'back' });
    expect(sameDocument(f)).to.be.true;
    expect(f.win.history.state, 'back on the page\'s own entry: no entry of ours left behind for a back that does nothing').to.equal(null);
  });

  it('leaves the history of a single-page site to its router, and closes the form when the router goes back', async () => {
    const f = await plainPage(
      `<!doctype html><html><body><script>history.replaceState({ key: 'route-1' }, ''); history.pushState({ key: 'route-2' }, '', '?route=2')</script><p>SPA</p>${SCRIPT}</body></html>`,
    );
    const root = await openForm(f, widgetOf(f));
    expect(f.win.history.state, 'no entry added').to.deep.equal({ key: 'route-2' });
    type(root, 'name', '홍길동');
    const close = closed(f);
    f.win.history.back();
    expect((await close).detail.reason, 'the form does not stay open over the page the patient went back to').to.equal('back');
    expect(f.win.history.state).to.deep.equal({ key: 'route-1' });
    expect(sameDocument(f)).to.be.true;
    expect((await openForm(f, widgetOf(f))).querySelector<HTMLInputElement>('[name="name"]')!.value, 'the draft is kept').to.equal('홍길동');
  });

  it('stays open when the page moves on by itself (a hash from a slider or a conversion tag, a pushed address); back then closes it', async () => {
    const f = await afterPreviousPage(
      PLAIN_PAGE.replace('<p>', `<script>document.addEventListener('consult-success', () => { location.hash = 'consult-complete' })</script><p>`).replace('/api/inquiry', '/test/ok?key=back-hash'),
    );
    const start = entryIndex(f);
    const root = await openForm(f, widgetOf(f));
    const seen: string[] = [];
    f.doc.addEventListener('consult-close', (e) => seen.push((e as CustomEvent<ConsultCloseDetail>).detail.reason));
    f.win.location.hash = 'slide-2';
    await frames(f);
    expect(seen, 'a slider\'s hash is no back').to.deep.equal([]);
    fillAndSend(root);
    await oneEvent(f.doc, 'consult-success');
    await frames(f);
    expect(root.querySelector('dialog[open] .success'), 'the patient reads when the clinic will answer, whatever the conversion tag does').to.not.equal(null);
    f.win.history.pushState({}, '', '?done');

    // Back twice: off the page's pushed address, then off its hash: each lands on an entry the page
    // added on top of ours, which is no back from the form; the third lands on ours, and is.
    f.win.history.back();
    await frames(f);
    f.win.history.back();
    await frames(f);
    expect(seen).to.deep.equal([]);
    const close = closed(f);
    f.win.history.back();
    expect((await close).detail.reason).to.equal('back');
    await waitUntil(() => entryIndex(f) === start, 'our entry is taken off too: the next back leaves', { timeout: 3000 });
    expect(sameDocument(f)).to.be.true;
  });

  it('adds no entry on a page that answers back itself, whose handler our step back would set off', async () => {
    for (const blocker of [
      // A "before you go" handler…
      `window.onpopstate = () => { window.answered = true }`,
      // …or a back-button blocker's extra entry at the page's own address, with its listener.
      `history.pushState(null, '', location.href); addEventListener('popstate', () => { window.answered = true; history.go(1) })`,
    ]) {
      const f = await afterPreviousPage(PLAIN_PAGE.replace('<p>', `<script>${blocker}</script><p>`));
      const start = entryIndex(f);
      const root = await openForm(f, widgetOf(f));
      expect(entryIndex(f), blocker).to.equal(start);
      root.querySelector<HTMLButtonElement>('[part="close-button"]')!.click();
      await frames(f);
      expect((f.win as unknown as { answered?: boolean }).answered, 'closing the form set off no handler of the page').to.equal(undefined);
      expect(sameDocument(f)).to.be.true;
    }
  });

  it('after a reload with the form open, opening it again reuses the entry left behind: back closes it', async () => {
    const f = await afterPreviousPage();
    await openForm(f, widgetOf(f));
    const withForm = entryIndex(f);
    f.win.location.reload();
    await waitUntil(() => !sameDocument(f) && f.frame.contentDocument?.readyState === 'complete', 'reloaded', { timeout: 5000 });
    const g: Frame = { win: f.frame.contentWindow as Frame['win'], doc: f.frame.contentDocument!, frame: f.frame };
    await mounted(g);
    (g.win as unknown as { sameDocument: boolean }).sameDocument = true;
    await openForm(g, widgetOf(g));
    expect(entryIndex(g), 'no second entry').to.equal(withForm);
    const close = closed(g);
    g.win.history.back();
    expect((await close).detail.reason).to.equal('back');
    expect(sameDocument(g)).to.be.true;
  });
});
