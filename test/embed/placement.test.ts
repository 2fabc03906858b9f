import { expect } from '@open-wc/testing';
import { loadHtml, mounted, widgetOf } from './frames.js';

const SCRIPT = '<script src="/dist/consult-widget.js" data-endpoint="/test/ok" data-phone="1833-7488"></script>';

describe('where the script tag puts the widget', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  // A transform, filter or `contain: paint` on <body> makes it the box fixed descendants are
  // placed in: a widget inside <body> would sit at the end of a long page, off screen.
  for (const rule of ['transform: scale(1)', 'filter: blur(0)', 'contain: paint', 'will-change: transform']) {
    it(`keeps the buttons on screen when the page gives <body> ${rule}`, async () => {
      const f = await loadHtml(`<!doctype html><html><head><style>body { ${rule}; margin: 0 }</style></head><body>
        <p style="height: 4000px">a long page</p>${SCRIPT}</body></html>`);
      await mounted(f);
      const el = widgetOf(f);
      const cost = el.shadowRoot!.querySelector<HTMLElement>('[part~="button-cost"]')!;
      const box = cost.getBoundingClientRect();
      expect(box.bottom, 'above the bottom of the screen').to.be.at.most(f.win.innerHeight);
      expect(box.top, 'below its top').to.be.at.least(0);
      f.win.scrollTo(0, 2000);
      expect(cost.getBoundingClientRect().top, 'still there after scrolling').to.equal(box.top);
      expect(f.win.pageErrors).to.deep.equal([]);
    });
  }

  it('mounts after <body>, so a page that replaces <body> leaves it in place', async () => {
    const f = await loadHtml(`<!doctype html><html><body><p>page</p>${SCRIPT}</body></html>`);
    await mounted(f);
    const el = widgetOf(f);
    expect(f.doc.documentElement.lastElementChild, 'the last child of <html>').to.equal(el);
    f.doc.body.replaceWith(f.doc.createElement('body'));
    expect(el.isConnected).to.be.true;
    // A page that empties <html> gets the same element back before the next frame.
    f.doc.documentElement.replaceChildren(f.doc.createElement('body'));
    await new Promise((resolve) => f.win.requestAnimationFrame(resolve));
    expect(el.isConnected, 'back in the page').to.be.true;
    expect(f.doc.documentElement.lastElementChild).to.equal(el);
  });
});
