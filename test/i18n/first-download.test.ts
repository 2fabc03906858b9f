import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { mountWidget, settle } from '../helpers.js';
import type { ConsultWidget } from '../../src/components/widget/widget.js';

/**
 * Before a click a page has only its language's `.widget` texts (widget.*): a button, label
 * or note that used a message of another namespace would show in Korean. This file never
 * opens the dialog, so the dialog's texts are never loaded here.
 */
const HANGUL = /\p{Script=Hangul}/u;

/** Every text and attribute in the widget's shadow root. */
function everythingShown(el: ConsultWidget): string[] {
  const root = el.shadowRoot!;
  const texts = [...root.querySelectorAll('*')].flatMap((node) => [
    ...[...node.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent!.trim()),
    ...[...node.attributes].map((a) => a.value),
  ]);
  return texts.filter(Boolean);
}

const SETTINGS = { phone: '1833-7488', kakaoUrl: 'https://pf.kakao.com/_x/chat', blogUrl: 'https://blog.example', address: 'Seoul', hours: '10-19' };

describe('what runs before a click uses only widget.* texts', () => {
  afterEach(() => setViewport({ width: 1280, height: 800 }));

  for (const locale of ['en', 'ja', 'zh'] as const) {
    it(`${locale}: every button, the launcher, the loading state and the failure notice are in ${locale}, no Korean`, async () => {
      for (const width of [1280, 390]) {
        await setViewport({ width, height: 800 });
        const el = await mountWidget({ ...SETTINGS, locale, buttons: ['phone', 'kakao', 'blog', 'directions', 'cost', 'consult', { type: 'link', label: 'Map', url: 'https://map.example' }] });
        await waitUntil(() => el.shadowRoot!.querySelector('.root')?.getAttribute('lang') === locale, `${locale} texts`);
        // The states shown before the dialog's code is in: loading, and the download failing.
        Object.assign(el as unknown as Record<string, boolean>, { loading: true, openFailed: true, expanded: true });
        await el.updateComplete;
        await settle();
        expect(el.shadowRoot!.querySelector('[part="loading"]'), 'loading state').to.exist;
        expect(el.shadowRoot!.querySelector('[part="notice"]')!.textContent!.trim()).to.not.equal('');
        const korean = everythingShown(el).filter((t) => HANGUL.test(t));
        expect(korean, `at ${width}px`).to.deep.equal([]);
        el.remove();
      }
    });
  }
});
