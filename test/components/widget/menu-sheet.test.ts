import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { button, mountWidget, settle } from '../../helpers.js';
import type { ConsultWidget } from '../../../src/components/widget/widget.js';

// All six preset buttons: phone, KakaoTalk, blog, directions, cost, free consultation.
const SIX = { kakaoUrl: 'https://pf.kakao.com/_abc/chat', blogUrl: 'https://blog.naver.com/x', mapUrl: 'https://map.naver.com/x' };

const launcherOf = (el: ConsultWidget) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="launcher"]')!;
const actionsOf = (el: ConsultWidget) => el.shadowRoot!.querySelector<HTMLElement>('[part="actions"]')!;

/** How many px of a button the scroll box shows (its client area, without the scrollbar). */
function shown(box: HTMLElement, tile: HTMLElement): number {
  const top = box.getBoundingClientRect().top + box.clientTop;
  const r = tile.getBoundingClientRect();
  return Math.max(0, Math.min(r.bottom, top + box.clientHeight) - Math.max(r.top, top));
}

// A small phone, a phone zoomed to 200% (360×740 and 320×568), a phone on its side.
for (const [width, height] of [
  [320, 568],
  [180, 370],
  [160, 284],
  [844, 390],
] as const) {
  describe(`consult-widget: the expanded menu at ${width}×${height}`, () => {
    beforeEach(async () => {
      await setViewport({ width, height });
    });
    afterEach(async () => {
      await setViewport({ width: 1280, height: 800 });
    });

    for (const locale of ['ko', 'en'] as const) {
      it(`shows each button whole or, scrolling down, the next one in part; never sideways (${locale})`, async () => {
        const el = await mountWidget({ locale, ...SIX });
        await waitUntil(() => locale === 'ko' || button(el, 'cost').textContent!.includes('Cost'), 'English buttons');
        launcherOf(el).click();
        await settle();
        const actions = actionsOf(el);
        const tiles = [...actions.querySelectorAll<HTMLElement>('[part~="button"]')];
        expect(tiles.length).to.equal(6);

        expect(actions.scrollWidth, 'no sideways scrolling').to.be.at.most(actions.clientWidth);
        const box = actions.getBoundingClientRect();
        expect(box.top, 'on screen').to.be.at.least(0);
        expect(box.bottom, 'above the launcher').to.be.at.most(launcherOf(el).getBoundingClientRect().top);
        expect(launcherOf(el).getBoundingClientRect().height).to.be.at.least(44);
        for (const tile of tiles) {
          const r = tile.getBoundingClientRect();
          const what = tile.getAttribute('part');
          expect(r.height, `${what}: 44px or more tall`).to.be.at.least(44);
          expect(r.width, `${what}: 44px or more wide`).to.be.at.least(44);
          expect(r.left, `${what}: left edge in the box`).to.be.at.least(box.left);
          expect(r.right, `${what}: right edge in the box, beside the scrollbar`).to.be.at.most(box.left + actions.clientLeft + actions.clientWidth + 0.5);
        }

        const cut = tiles.findIndex((t) => shown(actions, t) < t.getBoundingClientRect().height - 0.5);
        if (cut === -1) {
          expect(actions.scrollHeight, 'all shown: nothing to scroll').to.be.at.most(actions.clientHeight + 1);
          return;
        }
        // It must scroll: it takes the height above the launcher (less than one more button's
        // 56px and the 8px margin stay free), and the first button not shown whole shows in part.
        expect(getComputedStyle(actions).overflowY).to.equal('auto');
        expect(box.top, 'a sheet as tall as the screen allows').to.be.at.most(8 + 56 + 0.5);
        const edge = tiles[cut];
        const part = shown(actions, edge);
        const tall = edge.getBoundingClientRect().height;
        expect(part, `${edge.getAttribute('part')} peeks out: ${part}px of ${tall}px`).to.be.within(12, tall - 12);
        for (const tile of tiles.slice(cut)) {
          tile.scrollIntoView({ block: 'nearest' });
          await settle();
          expect(shown(actions, tile), `${tile.getAttribute('part')} reachable by scrolling`).to.be.closeTo(tile.getBoundingClientRect().height, 0.5);
        }
      });
    }
  });
}

describe('consult-widget: the expanded menu on a short screen above a page\'s bottom bar', () => {
  afterEach(async () => {
    await setViewport({ width: 1280, height: 800 });
  });

  // 256 px tall: a phone on its side zoomed to 200%, the height WCAG's reflow asks for; offsetY 92, as the demo page's bottom bar asks.
  it('shows at least one whole button on screen, the next one in part, and scrolls to the rest', async () => {
    await setViewport({ width: 480, height: 256 });
    const el = await mountWidget({ offsetY: 92, ...SIX });
    launcherOf(el).click();
    await settle();
    const actions = actionsOf(el);
    const tiles = [...actions.querySelectorAll<HTMLElement>('[part~="button"]')];
    expect(actions.getBoundingClientRect().top, 'on screen').to.be.at.least(0);
    expect(shown(actions, tiles[0]), 'the first button whole').to.be.closeTo(tiles[0].getBoundingClientRect().height, 0.5);
    expect(shown(actions, tiles[1]), 'the next one in part').to.be.greaterThan(12);
    tiles.at(-1)!.scrollIntoView({ block: 'nearest' });
    await settle();
    expect(shown(actions, tiles.at(-1)!), 'the last reachable').to.be.closeTo(tiles.at(-1)!.getBoundingClientRect().height, 0.5);
  });
});
