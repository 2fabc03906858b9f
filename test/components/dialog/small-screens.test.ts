import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { button, dialogOf, inDialog, mountWidget, settle } from '../../helpers.js';
import type { ConsultWidget } from '../../../src/components/widget/widget.js';

type Locale = 'ko' | 'en' | 'ja';

async function openIn(locale: Locale, formId: string): Promise<ConsultWidget> {
  const el = await mountWidget({ locale });
  await waitUntil(() => locale === 'ko' || !/\p{Script=Hangul}/u.test(button(el, 'cost').textContent!), `${locale} buttons`);
  expect(await el.open(formId), `${formId} opened`).to.be.true;
  await waitUntil(() => inDialog(el, 'dialog[open] .body'), 'dialog on screen');
  await settle();
  return el;
}

/** The text nodes inside an element (Lit leaves comment markers around them). */
function textsOf(element: HTMLElement): Text[] {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
  return texts;
}

/** How many lines a stretch of text takes on screen. */
function linesOf(text: Text, start: number, end: number): number {
  const range = document.createRange();
  range.setStart(text, start);
  range.setEnd(text, end);
  return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
}

/** The words of an element's text that the layout splits across lines, as "word (n lines)". */
function brokenWords(element: HTMLElement): string[] {
  const broken: string[] = [];
  for (const text of textsOf(element)) {
    for (const match of text.data.matchAll(/\S+/g)) {
      const lines = linesOf(text, match.index!, match.index! + match[0].length);
      if (lines > 1) broken.push(`${match[0]} (${lines} lines)`);
    }
  }
  return broken;
}

// 200% zoom on a 360px phone with the keyboard up: 180×200 CSS px.
describe('consult-dialog at 180×200 (zoomed to 200%, keyboard up)', () => {
  beforeEach(async () => {
    await setViewport({ width: 180, height: 200 });
  });
  afterEach(async () => {
    await setViewport({ width: 1280, height: 800 });
  });

  for (const [locale, formId] of [
    ['en', 'consult'],
    ['en', 'kakao'],
    ['ko', 'consult'],
    ['ko', 'kakao'],
  ] as const) {
    it(`keeps the header to about a third of the sheet, its title whole words only (${locale}, ${formId})`, async () => {
      const el = await openIn(locale, formId);
      const sheet = inDialog(el, 'dialog')!.getBoundingClientRect();
      const header = inDialog(el, '[part="header"]')!.getBoundingClientRect();
      expect(header.height / sheet.height, `header ${header.height}px of ${sheet.height}px`).to.be.at.most(0.35);
      const title = inDialog<HTMLElement>(el, '[part="title"]')!;
      expect(brokenWords(title), `"${title.textContent}": no word split across lines`).to.deep.equal([]);
      expect(title.scrollWidth, 'no word runs past the title').to.be.at.most(title.clientWidth);
      expect(inDialog(el, '[part="close-button"]')!.getBoundingClientRect().height, 'close button 44px').to.be.at.least(44);
      el.close();
    });
  }
});

// The privacy notice's definition list: what is collected, why, for how long.
for (const width of [320, 390]) {
  describe(`consult-dialog at ${width}px: the notice's labels beside their texts`, () => {
    beforeEach(async () => {
      await setViewport({ width, height: 700 });
    });
    afterEach(async () => {
      await setViewport({ width: 1280, height: 800 });
    });

    for (const locale of ['en', 'ko', 'ja'] as const) {
      it(`gives each text 60% of the width or more, or puts it below its label; labels keep their words whole (${locale})`, async () => {
        const el = await openIn(locale, 'consult');
        const lists = [...dialogOf(el).shadowRoot!.querySelectorAll<HTMLElement>('dl.notice')].filter((dl) => dl.getClientRects().length);
        expect(lists.length, 'a notice shown').to.be.at.least(1);
        for (const dl of lists) {
          const full = dl.getBoundingClientRect().width;
          for (const dd of dl.querySelectorAll<HTMLElement>('dd')) {
            const dt = dd.previousElementSibling as HTMLElement;
            const text = dd.getBoundingClientRect();
            const label = dt.getBoundingClientRect();
            const what = `"${dt.textContent}": ${Math.round(text.width)}px of ${Math.round(full)}px`;
            // A Japanese label stays whole instead (below), so its text keeps what is left.
            if (locale !== 'ja') expect(text.width >= 0.6 * full || text.top >= label.bottom - 0.5, what).to.be.true;
            // Labels wrap between words only ("What we / collect"): a Korean or Japanese one stays whole (収集する項目).
            expect(brokenWords(dt), `"${dt.textContent}": no word split`).to.deep.equal([]);
            if (locale !== 'en') expect(textsOf(dt).map((t) => linesOf(t, 0, t.length)), `"${dt.textContent}" on one line`).to.deep.equal([1]);
          }
        }
        el.close();
      });
    }
  });
}
