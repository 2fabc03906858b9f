import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { button, deepActive, dialogOf, expectSame, inDialog, mountWidget, settle } from '../../helpers.js';
import type { ConsultWidget } from '../../../src/components/widget/widget.js';

const launcherOf = (el: ConsultWidget) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="launcher"]')!;
const actionsOf = (el: ConsultWidget) => el.shadowRoot!.querySelector<HTMLElement>('[part="actions"]')!;
const isExpanded = (el: ConsultWidget) => launcherOf(el).getAttribute('aria-expanded') === 'true' && actionsOf(el).getClientRects().length > 0;
const isCollapsed = (el: ConsultWidget) => launcherOf(el).getAttribute('aria-expanded') === 'false' && actionsOf(el).getClientRects().length === 0;

async function expand(el: ConsultWidget): Promise<void> {
  launcherOf(el).click();
  await settle();
  expect(isExpanded(el), 'expanded').to.be.true;
}

/** WCAG relative luminance of an rgb() colour. */
function luminance(color: string): number {
  const [r, g, b] = color.match(/\d+(\.\d+)?/g)!.slice(0, 3).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

const MANY = [
  'phone',
  'kakao',
  'directions',
  'cost',
  'consult',
  { type: 'link', label: '이벤트', url: 'https://clinic.example/event' },
  { type: 'link', label: '전후 사진', url: 'https://clinic.example/photos' },
  { type: 'link', label: '의료진 소개', url: 'https://clinic.example/doctors' },
  { type: 'link', label: '진료 시간', url: 'https://clinic.example/hours' },
] as const;

for (const [width, height] of [
  [390, 844],
  [320, 568],
] as const) {
  describe(`consult-widget on a ${width}×${height} phone: the launcher and its column`, () => {
    beforeEach(async () => {
      await setViewport({ width, height });
    });
    afterEach(async () => {
      await resetMouse();
      await setViewport({ width: 1280, height: 800 });
    });

    it('shows a short visible label beside the launcher icon, named by it, 44px or more', async () => {
      const el = await mountWidget();
      const launcher = launcherOf(el);
      const label = launcher.querySelector<HTMLElement>('[part="launcher-label"]')!;
      expect(label.textContent!.trim()).to.equal('상담');
      expect(label.getBoundingClientRect().width, 'the label is visible').to.be.greaterThan(0);
      expect(parseFloat(getComputedStyle(label).fontSize)).to.be.at.least(14);
      expect(launcher.textContent!.trim()).to.equal('상담');
      expect(launcher.getBoundingClientRect().height).to.be.at.least(44);
      expect(isCollapsed(el)).to.be.true;
      await expect(el).to.be.accessible();
    });

    it('takes the launcher label from launcherLabel, and says Contact in English', async () => {
      const el = await mountWidget({ launcherLabel: '문의하기' });
      expect(launcherOf(el).textContent!.trim()).to.equal('문의하기');
      const en = await mountWidget({ locale: 'en' });
      await waitUntil(() => launcherOf(en).textContent!.trim() === 'Contact', 'English label');
    });

    it('collapses after a choice, and focus comes back to the launcher when the dialog closes', async () => {
      const el = await mountWidget();
      await expand(el);
      button(el, 'cost').click();
      await waitUntil(() => el.shadowRoot!.querySelector('consult-dialog')?.shadowRoot?.querySelector('dialog[open]'), 'dialog opened', { timeout: 5000 });
      await settle();
      expect(isCollapsed(el), 'collapsed once a button was chosen').to.be.true;
      const closed = oneEvent(el, 'consult-close');
      inDialog(el, '[part="close-button"]')!.click();
      await closed;
      await settle();
      expect(isCollapsed(el)).to.be.true;
      expectSame(deepActive(), launcherOf(el), 'focus');
    });

    it('collapses on a tap outside, and stays open for a tap inside', async () => {
      const el = await mountWidget();
      await expand(el);
      const cost = button(el, 'cost').getBoundingClientRect();
      await sendMouse({ type: 'move', position: [Math.round(cost.left + cost.width / 2), Math.round(cost.top + cost.height / 2)] });
      await sendMouse({ type: 'down' });
      await settle();
      expect(isExpanded(el), 'a press on a button keeps the column').to.be.true;
      await sendMouse({ type: 'up' });
      await waitUntil(() => el.shadowRoot!.querySelector('consult-dialog')?.shadowRoot?.querySelector('dialog[open]'), 'the chosen form opens', { timeout: 5000 });
      el.close();
      await settle();
      await expand(el);
      await sendMouse({ type: 'click', position: [10, 10] });
      await settle();
      expect(isCollapsed(el), 'collapsed after a tap on the page').to.be.true;
    });

    it('collapses on Escape, focus back on the launcher', async () => {
      const el = await mountWidget();
      launcherOf(el).focus();
      await sendKeys({ press: 'Enter' });
      await settle();
      expect(isExpanded(el)).to.be.true;
      // The column comes after the launcher: Tab reaches its first button.
      await sendKeys({ press: 'Tab' });
      expect(actionsOf(el).contains(deepActive()), 'focus in the column').to.be.true;
      await sendKeys({ press: 'Escape' });
      await settle();
      expect(isCollapsed(el)).to.be.true;
      expectSame(deepActive(), launcherOf(el), 'focus');
    });

    it('collapses when the dialog closes, also one opened through the API', async () => {
      const el = await mountWidget();
      await expand(el);
      await el.open('consult');
      await waitUntil(() => inDialog(el, 'dialog[open]'), 'dialog opened');
      const closed = oneEvent(el, 'consult-close');
      dialogOf(el).close('api');
      await closed;
      await settle();
      expect(isCollapsed(el)).to.be.true;
    });

    it('stays on screen, 8px or more below its top edge, and scrolls inside itself', async () => {
      const el = await mountWidget({ buttons: [...MANY], kakaoUrl: 'https://pf.kakao.com/_abc/chat', mapUrl: 'https://map.naver.com/x' });
      await expand(el);
      const actions = actionsOf(el);
      expect(actions.getBoundingClientRect().top, 'on screen, 8px below the top').to.be.at.least(7.5);
      if (actions.scrollHeight > actions.clientHeight) {
        expect(getComputedStyle(actions).overflowY).to.equal('auto');
        const last = [...actions.querySelectorAll('li')].at(-1)!;
        last.scrollIntoView({ block: 'nearest' });
        await settle();
        expect(last.getBoundingClientRect().bottom).to.be.at.most(actions.getBoundingClientRect().bottom + 1);
      }
      if (height === 568) expect(actions.scrollHeight, 'nine buttons do not fit at 320×568').to.be.greaterThan(actions.clientHeight);
      await expect(el).to.be.accessible();
    });

    it('writes labels at 14px or more and the phone number at 13px or more', async () => {
      const el = await mountWidget();
      await expand(el);
      for (const label of el.shadowRoot!.querySelectorAll<HTMLElement>('[part="label"]')) expect(parseFloat(getComputedStyle(label).fontSize)).to.be.at.least(14);
      const sub = button(el, 'phone').querySelector<HTMLElement>('.sub')!;
      expect(sub.textContent).to.equal('1833-7488');
      expect(parseFloat(getComputedStyle(sub).fontSize)).to.be.at.least(13);
    });
  });
}

describe('consult-widget: where the column becomes the launcher, and the tiles’ edges', () => {
  afterEach(async () => {
    await setViewport({ width: 1280, height: 800 });
  });

  const compact = (el: ConsultWidget) => launcherOf(el).getClientRects().length > 0;

  it('folds into the launcher below 1024px by default (tablets too), not at 1024px', async () => {
    await setViewport({ width: 768, height: 1024 });
    const el = await mountWidget();
    expect(compact(el), 'at 768').to.be.true;
    await setViewport({ width: 1023, height: 800 });
    await waitUntil(() => compact(el), 'at 1023');
    await setViewport({ width: 1024, height: 800 });
    await waitUntil(() => !compact(el), 'at 1024 the column shows');
    expect(button(el, 'cost').getClientRects().length).to.be.greaterThan(0);
  });

  it('takes the width from collapseBelow', async () => {
    await setViewport({ width: 768, height: 1024 });
    const el = await mountWidget({ collapseBelow: 640 });
    expect(compact(el)).to.be.false;
    el.configure({ collapseBelow: 800 });
    await waitUntil(() => compact(el), 'the launcher below 800px');
  });

  it('writes labels at 14px and the number at 13px on wide screens too', async () => {
    const el = await mountWidget();
    for (const label of el.shadowRoot!.querySelectorAll<HTMLElement>('[part="label"]')) expect(parseFloat(getComputedStyle(label).fontSize)).to.be.at.least(14);
    expect(parseFloat(getComputedStyle(button(el, 'phone').querySelector('.sub')!).fontSize)).to.be.at.least(13);
  });

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    it(`gives every tile and the launcher an edge of 3:1 against white and dark pages at ${width}px`, async () => {
      await setViewport({ width, height });
      const el = await mountWidget({ kakaoUrl: 'https://pf.kakao.com/_abc/chat', blogUrl: 'https://blog.naver.com/x', mapUrl: 'https://map.naver.com/x' });
      if (width < 1024) await expand(el);
      const tiles = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="button"]'), launcherOf(el)].filter((t) => t.getClientRects().length);
      expect(tiles.length).to.be.at.least(6);
      for (const tile of tiles) {
        const style = getComputedStyle(tile);
        expect(parseFloat(style.borderTopWidth), `${tile.getAttribute('part')} has an edge`).to.be.at.least(1);
        expect(style.borderTopStyle).to.equal('solid');
        for (const page of ['rgb(255, 255, 255)', 'rgb(0, 0, 0)', 'rgb(17, 24, 39)']) {
          expect(contrast(style.borderTopColor, page), `${tile.getAttribute('part')} on ${page}`).to.be.at.least(3);
        }
      }
    });
  }
});

// A phone with the browser's page zoom at 200%: 320 and 390 wide are 160 and 195 CSS px.
for (const [width, height] of [
  [160, 284],
  [195, 422],
] as const) {
  describe(`consult-widget on a phone zoomed to 200% (${width * 2}×${height * 2})`, () => {
    beforeEach(async () => {
      await setViewport({ width, height });
    });
    afterEach(async () => {
      await setViewport({ width: 1280, height: 800 });
    });

    for (const position of ['bottom-right', 'bottom-left'] as const) {
      it(`keeps the open menu on screen, each button's icon and label whole (${position})`, async () => {
        for (const locale of ['ko', 'en'] as const) {
          const el = await mountWidget({ locale, position, kakaoUrl: 'https://pf.kakao.com/_abc/chat', blogUrl: 'https://blog.naver.com/x', mapUrl: 'https://map.naver.com/x' });
          await waitUntil(() => locale === 'ko' || button(el, 'cost').textContent!.includes('Cost'), 'English buttons');
          await expand(el);
          for (const tile of el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="button"]')) {
            const what = `${locale} ${tile.getAttribute('part')}`;
            const r = tile.getBoundingClientRect();
            expect(r.left, `${what}: left edge on screen`).to.be.at.least(0);
            expect(r.right, `${what}: right edge on screen`).to.be.at.most(width);
            const label = tile.querySelector<HTMLElement>('[part="label"]')!;
            expect(label.scrollWidth, `${what}: label fits its button`).to.be.at.most(label.clientWidth);
          }
          el.remove();
        }
      });
    }
  });
}
