import { expect, waitUntil } from '@open-wc/testing';
import { expectFreshDist } from '../helpers-dist.js';
import { fillAndSend, loadHtml, mounted, openForm, widgetOf, type Frame } from './frames.js';

// These tests load dist/: it must be built from the current sources.
before(expectFreshDist);

/** The built script tag on a plain page, in each language: its buttons, its form, sending. */
const LANGUAGES = {
  ko: { cost: '비용 문의', submit: '비용 문의 보내기', sent: '문의가 접수되었습니다.', patient: { name: '홍길동', phone: '010-1234-5678', message: '문의합니다' } },
  en: { cost: 'Cost inquiry', submit: 'Send cost inquiry', sent: 'Your inquiry has been received.', patient: { name: 'Jane Doe', phone: '+44 20 7946 0958', message: 'Hello' } },
  ja: { cost: '費用のお問い合わせ', submit: '費用について問い合わせる', sent: 'お問い合わせを受け付けました。', patient: { name: '山田太郎', phone: '+81 90-1234-5678', message: 'こんにちは' } },
  zh: { cost: '费用咨询', submit: '发送费用咨询', sent: '您的咨询已提交。', patient: { name: '王小明', phone: '+86 138 0013 8000', message: '你好' } },
} as const;

const SCRIPT = (attributes = '') => `<script src="/dist/consult-widget.js" data-endpoint="/api/inquiry" data-phone="1833-7488" data-clinic-name="플레인의원" ${attributes}></script>`;
const costText = (f: Frame) => widgetOf(f).shadowRoot!.querySelector('[part~="button-cost"]')?.textContent ?? '';
/** A page whose browser prefers `languages` (navigator.languages, set before the script runs). */
const browserPrefers = (languages: string[]) => `<script>Object.defineProperty(navigator, 'languages', { get: () => ${JSON.stringify(languages)} });</script>`;

describe('the built script tag in each language', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  for (const [locale, t] of Object.entries(LANGUAGES)) {
    it(`with data-locale="${locale}" on a page in another language: buttons, form and success in ${locale}, the dialog's lang too`, async () => {
      const f = await loadHtml(`<!doctype html><html lang="${locale === 'ko' ? 'en' : 'ko'}"><body>${SCRIPT(`data-locale="${locale}"`)}</body></html>`);
      await mounted(f);
      await waitUntil(() => costText(f).includes(t.cost), `${locale} buttons`, { timeout: 5000 });
      const root = await openForm(f, widgetOf(f), 'cost');
      expect(root.querySelector('dialog')!.getAttribute('lang')).to.equal(locale);
      expect(root.querySelector('[part="title"]')!.textContent).to.equal(t.cost);
      expect(root.querySelector('[part="submit"]')!.textContent!.trim()).to.equal(t.submit);
      fillAndSend(root, t.patient);
      await waitUntil(() => root.querySelector('.success-title'), 'not sent', { timeout: 5000 });
      expect(root.querySelector('.success-title')!.textContent).to.equal(t.sent);
      if (locale !== 'ko') expect(root.textContent!.replaceAll('플레인의원', '')).to.not.match(/\p{Script=Hangul}/u);
      expect(f.win.pageErrors).to.deep.equal([]);
      expect(f.win.consoleErrors).to.deep.equal([]);
    });
  }

  it('takes the locale setting in any case and with a region or script (EN, ja-JP, ZH-hans), from data-locale, the JSON block or configure(), as <html lang> is taken', async () => {
    const block = (json: string) => `<script type="application/json" id="consult-widget-config">${json}</script>`;
    for (const [settings, expected] of [
      [SCRIPT('data-locale="EN"'), LANGUAGES.en.cost],
      [SCRIPT('data-locale="ja-JP"'), LANGUAGES.ja.cost],
      [block('{ "locale": "ZH-hans" }') + SCRIPT(), LANGUAGES.zh.cost],
    ]) {
      const f = await loadHtml(`<!doctype html><html lang="ko"><body>${settings}</body></html>`);
      await mounted(f);
      await waitUntil(() => costText(f).includes(expected), `${settings.slice(0, 90)} → ${expected}`, { timeout: 5000 });
      expect(f.win.consoleErrors, settings.slice(0, 90)).to.deep.equal([]);
      f.frame.remove();
    }
    const f = await loadHtml(`<!doctype html><html lang="ko"><body>${SCRIPT()}</body></html>`);
    await mounted(f);
    f.win.ConsultWidget!.configure({ locale: 'En-GB' });
    await waitUntil(() => costText(f).includes(LANGUAGES.en.cost), 'configure({ locale: "En-GB" })', { timeout: 5000 });
    expect(f.win.consoleErrors).to.deep.equal([]);
  });

  it('a locale setting of another language, in any form (FR-fr), stays one console error, and the page language is used', async () => {
    const f = await loadHtml(`<!doctype html><html lang="ja"><body>${SCRIPT('data-locale="FR-fr"')}</body></html>`);
    await mounted(f);
    await waitUntil(() => costText(f).includes(LANGUAGES.ja.cost), 'the page language', { timeout: 5000 });
    expect(f.win.consoleErrors).to.have.length(1);
    expect(f.win.consoleErrors[0]).to.contain('"locale" expects one of ko, en, ja, zh');
  });

  it("a page in another language never downloads the dialog's Korean texts: they are not in the dialog's code, nor fetched", async () => {
    const f = await loadHtml(`<!doctype html><html lang="en"><body>${SCRIPT()}</body></html>`);
    await mounted(f);
    await openForm(f, widgetOf(f), 'cost');
    const chunks = f.win.performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/dist/chunks/'));
    expect(chunks.filter((n) => /\/ko\.dialog-/.test(n)), 'ko.dialog fetched').to.deep.equal([]);
    expect(chunks.some((n) => /\/en\.dialog-/.test(n)), 'en.dialog fetched').to.be.true;
    const code = await (await fetch(chunks.find((n) => /\/dialog-/.test(n))!)).text();
    for (const korean of ['입력해 주세요', '개인정보 수집']) expect(code).to.not.contain(korean);
  });

  it("without data-locale follows the page's <html lang> by its primary subtag (zh-TW, ja-JP), before the browser's languages", async () => {
    for (const [lang, expected] of [
      ['zh-TW', '费用咨询'],
      ['ja-JP', '費用のお問い合わせ'],
    ]) {
      const f = await loadHtml(`<!doctype html><html lang="${lang}"><body>${browserPrefers(['en-US'])}${SCRIPT()}</body></html>`);
      await mounted(f);
      await waitUntil(() => costText(f).includes(expected), `${lang} → ${expected}`, { timeout: 5000 });
      f.frame.remove();
    }
  });

  it("then the browser's languages, the first one we have, when the page has no lang or one we do not speak; else Korean", async () => {
    for (const [html, languages, expected] of [
      ['<html>', ['fr-FR', 'ja-JP', 'en'], '費用のお問い合わせ'],
      ['<html lang="fr">', ['de-DE', 'zh-CN'], '费用咨询'],
      ['<html lang="vi">', ['vi-VN', 'de'], '비용 문의'],
    ] as const) {
      const f = await loadHtml(`<!doctype html>${html}<body>${browserPrefers([...languages])}${SCRIPT()}</body></html>`);
      await mounted(f);
      await waitUntil(() => costText(f).includes(expected), `${html} ${languages.join(',')} → ${expected}`, { timeout: 5000 });
      f.frame.remove();
    }
  });
});
