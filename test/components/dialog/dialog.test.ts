import { expect, oneEvent, waitUntil, aTimeout } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import {
  VALID,
  attempts,
  button,
  capturingErrors,
  deepActive,
  expectSame,
  dialogOf,
  element,
  hostStyles,
  fillLocalStorage,
  fieldError,
  fillValid,
  inDialog,
  mountWidget,
  openByClick,
  received,
  sendValid,
  settle,
  submitButton,
  typeInto,
  uniqueKey,
} from '../../helpers.js';
import { InquirySchema } from '../../../src/schema/inquiry.js';
import type { ConsultWidget } from '../../../src/components/widget/widget.js';

const errorOf = (el: ConsultWidget, name: string) => {
  const field = inDialog(el, `[name="${name}"]`)!;
  return { invalid: field.getAttribute('aria-invalid'), text: fieldError(el, name)?.textContent?.trim() };
};

const isOpen = (el: ConsultWidget) => !!inDialog(el, 'dialog[open]');

describe('consult-dialog: a true modal', () => {
  afterEach(async () => {
    await setViewport({ width: 1280, height: 800 });
  });

  it('loads only when a patient asks for it', async () => {
    const el = await mountWidget();
    expect(el.shadowRoot!.querySelector('consult-dialog') === null).to.be.true;
    await openByClick(el, 'cost');
    expect(customElements.get('consult-dialog')).to.exist;
  });

  it('moves focus in on open, keeps Tab inside, closes on Escape and returns focus', async () => {
    const el = await mountWidget();
    const opener = button(el, 'cost');
    opener.focus();
    await openByClick(el, 'cost');
    expectSame(deepActive(), inDialog(el, '[name="name"]'), 'focus');
    const title = inDialog(el, 'dialog')!.getAttribute('aria-labelledby');
    expect(dialogOf(el).shadowRoot!.getElementById(title!)!.textContent, 'the dialog is named by its title').to.equal('비용 문의');
    const inside = () => dialogOf(el).shadowRoot!.contains(deepActive());
    for (let i = 0; i < 15; i++) {
      await sendKeys({ press: 'Tab' });
      expect(inside(), `Tab ${i + 1} stays inside`).to.be.true;
    }
    submitButton(el).focus();
    await sendKeys({ press: 'Tab' });
    expectSame(deepActive(), inDialog(el, '[part="close-button"]'), 'focus');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expectSame(deepActive(), submitButton(el), 'focus');
    const closed = oneEvent(el, 'consult-close');
    await sendKeys({ press: 'Escape' });
    expect((await closed).detail.reason).to.equal('escape');
    await settle();
    expect(isOpen(el)).to.be.false;
    expect(dialogOf(el).open, 'the element knows it is closed').to.be.false;
    expect(getComputedStyle(document.documentElement).overflow, 'scroll lock released').to.equal('visible');
    expectSame(deepActive(), opener, 'focus');
  });

  it('releases the page when the browser closes the dialog by itself', async () => {
    const el = await mountWidget();
    await openByClick(el, 'cost');
    const closed = oneEvent(el, 'consult-close');
    inDialog<HTMLDialogElement>(el, 'dialog')!.close();
    await closed;
    expect(dialogOf(el).open).to.be.false;
    expect(getComputedStyle(document.documentElement).overflow).to.equal('visible');
  });

  it('stays closed, leaves the page free and says nothing opened when a page script closes it while it opens', async () => {
    const el = await mountWidget();
    const events: string[] = [];
    for (const type of ['consult-open', 'consult-close'] as const) el.addEventListener(type, (e) => events.push(e.type));
    // A page's own focus handler that reacts to focus moving into the widget (an analytics or
    // "exit intent" script) by closing it, while showModal() is still moving focus in.
    const closeOnFocus = () => el.close();
    el.addEventListener('focusin', closeOnFocus, { once: true });
    expect(await el.open('cost')).to.be.false;
    el.removeEventListener('focusin', closeOnFocus);
    await settle();
    expect(isOpen(el)).to.be.false;
    expect(getComputedStyle(document.documentElement).overflow, 'the page scrolls').to.equal('visible');
    expect(document.documentElement.getAttribute('style')).to.equal(null);
    expect(events, 'no consult-open for a dialog that never stayed open').to.deep.equal([]);
    expect(await el.open('cost'), 'the next tap opens it').to.be.true;
    expect(isOpen(el)).to.be.true;
  });

  it('says the form could not be opened, and leaves the page free, when the browser refuses to show it', async () => {
    const el = await mountWidget();
    const showModal = HTMLDialogElement.prototype.showModal;
    HTMLDialogElement.prototype.showModal = function () {
      throw new DOMException('refused', 'InvalidStateError');
    };
    let opened: boolean | undefined;
    const errors = await capturingErrors(async () => {
      opened = await el.open('cost');
    }).finally(() => (HTMLDialogElement.prototype.showModal = showModal));
    expect(opened).to.be.false;
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('The form could not be opened');
    await settle();
    expect(dialogOf(el).open).to.be.false;
    expect(el.shadowRoot!.querySelector('[part="notice"]')!.hasAttribute('hidden'), 'the patient is told').to.be.false;
    expect(document.documentElement.getAttribute('style'), 'the page scrolls').to.equal(null);
    expect(await el.open('cost'), 'the next tap opens it').to.be.true;
  });

  for (const [what, second] of [
    ['another form', 'consult'],
    ['the same form', 'cost'],
  ] as const) {
    it(`releases the scroll lock exactly once after two opens in one tick (${what}), then Escape`, async () => {
      const el = await mountWidget();
      // Through the API, the first time (the dialog's code still downloading)…
      expect(await Promise.all([el.open('cost'), el.open(second)])).to.deep.equal([true, true]);
      await waitUntil(() => isOpen(el), 'did not open');
      el.close();
      await settle();
      expect(getComputedStyle(document.documentElement).overflow).to.equal('visible');
      // …and on the dialog itself, where the two show() calls interleave.
      const dialog = dialogOf(el);
      const events: string[] = [];
      for (const type of ['consult-open', 'consult-close'] as const) el.addEventListener(type, (e) => events.push(`${e.type}:${e.detail.formId}`));
      void dialog.show({ type: 'form', formId: 'cost' }, null);
      void dialog.show({ type: 'form', formId: second }, null);
      await waitUntil(() => events.length > 0, 'did not open');
      await settle();
      expect(getComputedStyle(document.documentElement).overflow).to.equal('hidden');
      const closed = oneEvent(el, 'consult-close');
      await sendKeys({ press: 'Escape' });
      await closed;
      await settle();
      expect(getComputedStyle(document.documentElement).overflow, 'the page scrolls again').to.equal('visible');
      expect(document.documentElement.getAttribute('style')).to.equal(null);
      expect(events, 'one opening, one closing').to.deep.equal([`consult-open:${second}`, `consult-close:${second}`]);
    });
  }

  it('closes with the close button and says why in consult-close', async () => {
    const el = await mountWidget();
    await openByClick(el, 'consult');
    const closed = oneEvent(el, 'consult-close');
    inDialog(el, '[part="close-button"]')!.click();
    const { detail } = await closed;
    expect(detail).to.deep.equal({ formId: 'consult', reason: 'close-button' });
    expect(isOpen(el)).to.be.false;
  });

  it('keeps the page behind from scrolling while open, and restores it after', async () => {
    const removeStyles = hostStyles('.tall { height: 3000px; }', element('div', 'tall'));
    try {
      const el = await mountWidget();
      const before = el.shadowRoot!.querySelector('.root')!.getBoundingClientRect();
      expect(window.innerWidth - document.documentElement.clientWidth, 'the page has a scrollbar').to.be.greaterThan(0);
      await openByClick(el, 'cost');
      expect(getComputedStyle(document.documentElement).overflow).to.equal('hidden');
      const during = el.shadowRoot!.querySelector('.root')!.getBoundingClientRect();
      expect(during.right, 'the buttons do not jump sideways').to.equal(before.right);
      expect(getComputedStyle(document.body).overflow).to.equal('hidden');
      el.close();
      await settle();
      expect(getComputedStyle(document.documentElement).overflow).to.equal('visible');
      expect(document.documentElement.getAttribute('style')).to.equal(null);
      expect(document.body.getAttribute('style')).to.equal(null);
      window.scrollTo(0, 500);
      expect(window.scrollY).to.equal(500);
    } finally {
      window.scrollTo(0, 0);
      removeStyles();
    }
  });

  it("keeps the patient's keystrokes from the host page's key handlers", async () => {
    const seen: string[] = [];
    const listener = (e: KeyboardEvent) => {
      seen.push(e.key);
      e.preventDefault();
    };
    document.addEventListener('keydown', listener);
    try {
      const el = await mountWidget();
      await openByClick(el, 'cost');
      await typeInto(el, 'name', 'a b');
      expect(inDialog<HTMLInputElement>(el, '[name="name"]')!.value).to.equal('a b');
      expect(seen).to.deep.equal([]);
    } finally {
      document.removeEventListener('keydown', listener);
    }
  });

  it('has touch targets of at least 44px on a phone, the close button included', async () => {
    await setViewport({ width: 360, height: 740 });
    const el = await mountWidget();
    el.shadowRoot!.querySelector<HTMLElement>('[part="launcher"]')!.click();
    await settle();
    for (const b of el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="button"], [part="launcher"]')) {
      expect(b.getBoundingClientRect().height, b.getAttribute('part')!).to.be.at.least(44);
    }
    await openByClick(el, 'consult');
    for (const part of ['close-button', 'submit', 'policy-toggle']) {
      const r = inDialog(el, `[part="${part}"]`)!.getBoundingClientRect();
      expect(Math.min(r.width, r.height), part).to.be.at.least(44);
    }
    for (const label of dialogOf(el).shadowRoot!.querySelectorAll<HTMLElement>('label.choice, label.check')) {
      expect(label.getBoundingClientRect().height, label.textContent!).to.be.at.least(44);
    }
  });

  it('reaches every button on a phone held sideways', async () => {
    await setViewport({ width: 740, height: 360 });
    const el = await mountWidget({ blogUrl: 'https://blog.naver.com/x', mapUrl: 'https://map.naver.com/x' });
    const launcher = el.shadowRoot!.querySelector<HTMLElement>('[part="launcher"]')!;
    expect(launcher.getClientRects().length, 'collapsed into the launcher').to.equal(1);
    launcher.click();
    await settle();
    const list = el.shadowRoot!.querySelector<HTMLElement>('[part="actions"]')!;
    const box = list.getBoundingClientRect();
    expect(box.top).to.be.at.least(0);
    for (const b of list.querySelectorAll<HTMLElement>('[part~="button"]')) {
      b.scrollIntoView({ block: 'nearest' });
      const r = b.getBoundingClientRect();
      expect(r.top >= 0 && r.bottom <= 360, `${b.getAttribute('part')} reachable`).to.be.true;
    }
  });

  it('is accessible when open', async () => {
    const el = await mountWidget({ marketingConsent: true });
    await openByClick(el, 'consult');
    await expect(dialogOf(el)).to.be.accessible();
  });

  /** The free consultation form on a small screen, opened from the launcher as a patient would. */
  async function openOnSmallScreen(width: number, height: number) {
    await setViewport({ width, height });
    const el = await mountWidget();
    el.shadowRoot!.querySelector<HTMLElement>('[part="launcher"]')!.click();
    await settle();
    await openByClick(el, 'consult');
    return el;
  }

  it('fits a 320px wide screen with 16px inputs', async () => {
    const el = await openOnSmallScreen(320, 360);
    const box = inDialog(el, 'dialog')!.getBoundingClientRect();
    expect(box.left).to.be.at.least(0);
    expect(box.right).to.be.at.most(320);
    expect(box.bottom).to.be.at.most(360);
    for (const input of dialogOf(el).shadowRoot!.querySelectorAll<HTMLElement>('input[type=text], input[type=tel], select, textarea')) {
      expect(getComputedStyle(input).fontSize).to.equal('16px');
      expect(input.getBoundingClientRect().right).to.be.at.most(320);
    }
  });

  it('keeps the focused field in sight when a keyboard opens under it, and takes the dialog down to what is left', async () => {
    const el = await openOnSmallScreen(320, 568);
    const message = inDialog<HTMLTextAreaElement>(el, '[name="message"]')!;
    message.focus();
    expect(message.getBoundingClientRect().bottom, 'in view before the keyboard').to.be.at.most(568);
    // The keyboard: the visual viewport loses its lower half. (Chromium scrolls a focused field into
    // view by itself then; the dialog does it too, for browsers that only pan the viewport.)
    await setViewport({ width: 320, height: 260 });
    await waitUntil(() => inDialog(el, 'dialog')!.getBoundingClientRect().bottom <= 260, 'the dialog did not shrink to the viewport');
    await waitUntil(() => {
      const r = message.getBoundingClientRect();
      // Scroll positions are whole pixels and layout is not: allow what rounding leaves.
      return r.top >= 0 && r.bottom <= 260.5;
    }, 'the field went under the keyboard');
  });
});

describe('consult-dialog: directions', () => {
  it('shows address, opening hours, the phone and a "see details" link to the map page', async () => {
    const el = await mountWidget({
      address: '서울특별시 강남구 테헤란로 123',
      hours: '평일 10:00-19:00\n토요일 10:00-15:00',
      mapUrl: 'https://map.naver.com/p/entry/place/1',
    });
    const opened = oneEvent(el, 'consult-open');
    await openByClick(el, 'directions');
    expect((await opened).detail.formId).to.equal('directions');
    expect(inDialog(el, 'h2')!.textContent).to.equal('오시는 길');
    const panel = inDialog(el, '[part="directions"]')!;
    expect(panel.textContent).to.contain('테헤란로 123');
    expect(panel.textContent).to.contain('토요일 10:00-15:00');
    expect(panel.querySelector('a[href="tel:18337488"]')).to.exist;
    const map = inDialog<HTMLAnchorElement>(el, '[part="map-link"]')!;
    expect(map.href).to.equal('https://map.naver.com/p/entry/place/1');
    expect(map.target).to.equal('_blank');
    expect(dialogOf(el).shadowRoot!.querySelector('form') === null).to.be.true;
    await expect(dialogOf(el)).to.be.accessible();
  });

  it('links straight to the map page when no address is configured', async () => {
    const el = await mountWidget({ mapUrl: 'https://map.naver.com/p/entry/place/1' });
    const link = button(el, 'directions') as HTMLAnchorElement;
    expect(link.tagName).to.equal('A');
    expect(link.href).to.equal('https://map.naver.com/p/entry/place/1');
  });
});

describe('consult-dialog: forms and validation', () => {
  it('builds the presets: cost and kakao ask name, phone, message; consult adds interest and gender', async () => {
    const el = await mountWidget({ interests: ['헤어라인', '정수리'] });
    await openByClick(el, 'kakao');
    const names = () => [...dialogOf(el).shadowRoot!.querySelectorAll('form .field [name]')].map((f) => f.getAttribute('name'));
    expect([...new Set(names())]).to.deep.equal(['name', 'phone', 'message']);
    el.close();
    await openByClick(el, 'cost');
    expect([...new Set(names())], 'the cost form carries the treatment or area select').to.deep.equal(['name', 'phone', 'interest', 'message']);
    el.close();
    await openByClick(el, 'consult');
    expect([...new Set(names())]).to.deep.equal(['name', 'phone', 'interest', 'gender', 'message']);
    const options = [...dialogOf(el).shadowRoot!.querySelectorAll('select[name="interest"] option')].map((o) => o.textContent!.trim());
    expect(options.slice(1)).to.deep.equal(['헤어라인', '정수리']);
    expect(dialogOf(el).shadowRoot!.querySelectorAll('input[type=radio][name="gender"]').length).to.equal(2);
    expect(inDialog(el, 'fieldset legend')!.textContent).to.contain('성별');
  });

  it('builds forms from configuration with every field kind', async () => {
    const el = await mountWidget({
      forms: [
        {
          id: 'event',
          title: '이벤트 신청',
          fields: [
            { name: 'name', kind: 'text', required: true, maxLength: 5 },
            { name: 'area', kind: 'select', options: ['A', { value: 'b', label: 'B' }], required: true },
            { name: 'visit', kind: 'radio', options: ['오전', '오후'] },
            { name: 'time', kind: 'radio', options: ['평일', '주말'], required: true },
            { name: 'sms', kind: 'checkbox', label: '문자 수신', required: true },
          ],
        },
      ],
    });
    el.open('event');
    await waitUntil(() => el.shadowRoot!.querySelector('consult-dialog')?.shadowRoot?.querySelector('form'));
    expect(inDialog(el, 'h2')!.textContent).to.equal('이벤트 신청');
    expect(inDialog<HTMLInputElement>(el, '[name="name"]')!.maxLength).to.equal(5);
    submitButton(el).click();
    await settle();
    expect(errorOf(el, 'name').invalid).to.equal('true');
    expect(errorOf(el, 'area').text).to.contain('선택');
    for (const radio of dialogOf(el).shadowRoot!.querySelectorAll('input[name="time"]')) {
      expect(radio.getAttribute('aria-invalid')).to.equal('true');
      expect(dialogOf(el).shadowRoot!.getElementById(radio.getAttribute('aria-describedby')!)!.textContent).to.contain('선택');
    }
    expect(errorOf(el, 'sms')).to.deep.equal({ invalid: 'true', text: '이 항목에 체크해 주세요.' });
    expect(errorOf(el, 'visit').invalid).to.equal('false');
    const consent = inDialog(el, '#consent-privacy')!;
    expect(dialogOf(el).shadowRoot!.getElementById(consent.getAttribute('aria-describedby')!)!.textContent).to.contain('동의');
  });

  it('writes each error next to its field, tied with aria-invalid and aria-describedby, and focuses the first', async () => {
    const el = await mountWidget();
    await openByClick(el, 'cost');
    await typeInto(el, 'phone', '12345');
    submitButton(el).click();
    await settle();
    expect(errorOf(el, 'name')).to.deep.equal({ invalid: 'true', text: '이름을 입력해 주세요.' });
    expect(errorOf(el, 'phone').invalid).to.equal('true');
    expect(errorOf(el, 'phone').text).to.contain('010-1234-5678');
    expect(errorOf(el, 'message').invalid).to.equal('false');
    expect(inDialog(el, '#consent-privacy')!.getAttribute('aria-invalid')).to.equal('true');
    expectSame(deepActive(), inDialog(el, '[name="name"]'), 'focus');
    await expect(dialogOf(el)).to.be.accessible();
    await typeInto(el, 'name', '김');
    await settle();
    expect(errorOf(el, 'name').invalid, 'error clears as the patient types').to.equal('false');
  });

  it('accepts Korean numbers as patients type them, international ones with + and the country code, and refuses others', async () => {
    const el = await mountWidget();
    await openByClick(el, 'cost');
    const phone = inDialog<HTMLInputElement>(el, '[name="phone"]')!;
    expect(phone.type).to.equal('tel');
    for (const [value, ok] of [
      ['010-1234-5678', true],
      ['01012345678', true],
      ['010 1234 5678', true],
      ['+82 10-1234-5678', true],
      ['02-123-4567', true],
      ['031-123-4567', true],
      ['070-1234-5678', true],
      ['+81 90-1234-5678', true],
      ['+86 138 0013 8000', true],
      ['+1 (415) 555-0100', true],
      ['+81 12', false],
      ['+82 10-123', false],
      ['81 90-1234-5678', false],
      ['010-123', false],
      ['1234-5678', false],
      ['hello', false],
    ] as const) {
      phone.value = '';
      await typeInto(el, 'phone', value);
      submitButton(el).click();
      await settle();
      expect(errorOf(el, 'phone').invalid, value).to.equal(ok ? 'false' : 'true');
    }
  });

  it('accepts a number pasted from a phone\'s contacts, with the invisible direction marks copied along, and sends it without them', async () => {
    const el = await mountWidget();
    await openByClick(el, 'cost');
    const phone = inDialog<HTMLInputElement>(el, '[name="phone"]')!;
    // iPhone's Contacts copy "\u202a010-1234-5678\u202c"; other apps add isolates or a left-to-right mark.
    for (const pasted of ['\u202a010-1234-5678\u202c', '\u2066+81 90-1234-5678\u2069', '\u200e010 1234 5678']) {
      phone.value = '';
      await typeInto(el, 'phone', pasted);
      expect(phone.value, 'the marks are in the field').to.equal(pasted);
      submitButton(el).click();
      await settle();
      expect(errorOf(el, 'phone').invalid, JSON.stringify(pasted)).to.equal('false');
    }
    phone.value = '';
    phone.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await fillValid(el, { ...VALID, phone: '\u202a010-1234-5678\u202c' });
    const success = oneEvent(el, 'consult-success');
    submitButton(el).click();
    const { detail } = await success;
    const stored = (await received()).find((r) => r.inquiry.id === detail.inquiryId)!.inquiry;
    expect(stored.fields.phone).to.equal('010-1234-5678');
  });
});

describe('consult-dialog: consent', () => {
  it('states what is collected, why, for how long, and that refusing is allowed but blocks sending', async () => {
    const el = await mountWidget({ policy: { retentionMonths: 36 } });
    await openByClick(el, 'cost');
    const consent = inDialog(el, '[part="consent"]')!.textContent!;
    expect(consent).to.contain('이름');
    expect(consent).to.contain('연락처');
    expect(consent).to.contain('3년');
    expect(consent).to.contain('동의를 거부하실 수 있습니다');
    expect(consent).to.contain('보내실 수 없습니다');
    expect(inDialog<HTMLInputElement>(el, '#consent-privacy')!.checked).to.be.false;
    // The period told goes with the inquiry: the receiver keeps it no longer.
    await fillValid(el);
    const success = oneEvent(el, 'consult-success');
    submitButton(el).click();
    const { detail } = await success;
    expect((await received()).find((r) => r.inquiry.id === detail.inquiryId)!.inquiry.consent.retentionMonths).to.equal(36);
  });

  it('refuses to send without consent and sends nothing', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/ok?key=${key}` });
    await openByClick(el, 'cost');
    for (const [name, text] of Object.entries(VALID)) await typeInto(el, name, text);
    let submitted = 0;
    el.addEventListener('consult-submit', () => submitted++);
    submitButton(el).click();
    // Focus moves to the consent box once the form has been checked, after the point where an inquiry would have gone (consult-submit marks its start).
    await waitUntil(() => deepActive() === inDialog(el, '#consent-privacy'), 'focus did not move to the consent box', { timeout: 5000 });
    expect(inDialog(el, '#consent-privacy-error')!.textContent).to.contain('동의');
    expect(submitted, 'consult-submit events').to.equal(0);
    expect(await attempts(key)).to.have.length(0);
  });

  it('expands the built-in policy in place with aria-expanded, generated from the clinic name', async () => {
    const el = await mountWidget({ clinicName: '하늘의원', policy: { retentionMonths: 6 } });
    await openByClick(el, 'cost');
    const toggle = inDialog<HTMLButtonElement>(el, '[part="policy-toggle"]')!;
    const region = inDialog<HTMLElement>(el, '#policy')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(region.hidden).to.be.true;
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await settle();
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(region.hidden).to.be.false;
    expect(region.textContent).to.contain('하늘의원');
    expect(region.textContent).to.contain('6개월');
    expect(getComputedStyle(region).overflowY).to.equal('auto');
    await expect(dialogOf(el)).to.be.accessible();
    toggle.click();
    await settle();
    expect(region.hidden).to.be.true;
  });

  it('shows the policy again after the dialog is closed and reopened', async () => {
    const el = await mountWidget({ policy: { html: '<h3>제1조</h3><p>내용</p>' } });
    for (let round = 0; round < 2; round++) {
      await openByClick(el, 'cost');
      inDialog<HTMLButtonElement>(el, '[part="policy-toggle"]')!.click();
      await settle();
      expect(inDialog(el, '#policy')!.textContent, `round ${round + 1}`).to.contain('제1조');
      el.close();
    }
  });

  it('lists in the built-in policy what the form on screen collects', async () => {
    const el = await mountWidget({ interests: ['헤어라인'] });
    await openByClick(el, 'cost');
    inDialog<HTMLButtonElement>(el, '[part="policy-toggle"]')!.click();
    await settle();
    el.close();
    await openByClick(el, 'consult');
    inDialog<HTMLButtonElement>(el, '[part="policy-toggle"]')!.click();
    await settle();
    expect(inDialog(el, '#policy')!.textContent).to.contain('관심 진료·부위');
    expect(inDialog(el, '#policy')!.textContent, 'and the page data sent with an inquiry').to.contain('유입 경로, 광고 캠페인 정보(UTM, gclid), 접수 시각');
    const region = inDialog<HTMLElement>(el, '#policy')!;
    expect(region.scrollHeight, 'long policies scroll inside').to.be.greaterThan(region.clientHeight);
  });

  it('shows a policy from configuration as text, and sanitizes policy HTML', async () => {
    const el = await mountWidget({ policy: { html: '<h3>제1조</h3><p onclick="alert(1)">내용<script>window.hacked=1</script><img src=x onerror="window.hacked=1"><a href="javascript:alert(1)">링크</a></p>' } });
    await openByClick(el, 'cost');
    inDialog<HTMLButtonElement>(el, '[part="policy-toggle"]')!.click();
    await settle();
    const region = inDialog<HTMLElement>(el, '#policy')!;
    expect(region.querySelector('h3')!.textContent).to.equal('제1조');
    expect(region.querySelector('script, img, [onclick]') === null).to.be.true;
    expect(region.querySelector('a')!.hasAttribute('href')).to.be.false;
    expect((window as unknown as { hacked?: number }).hacked).to.equal(undefined);
  });

  it('fetches a policy URL when expanded and sanitizes it', async () => {
    const el = await mountWidget({ policy: { url: '/test/fixtures/policy.html' } });
    await openByClick(el, 'cost');
    inDialog<HTMLButtonElement>(el, '[part="policy-toggle"]')!.click();
    const region = inDialog<HTMLElement>(el, '#policy')!;
    await waitUntil(() => region.querySelector('h2'), 'policy did not load');
    expect(region.textContent).to.contain('개인정보처리방침');
    expect(region.querySelector('script, iframe, [style], [onerror]') === null).to.be.true;
  });

  it('offers the policy page in a new window when it cannot be fetched, and tries again on the next expand', async () => {
    const url = `/test/flaky-policy?key=${uniqueKey()}`;
    const el = await mountWidget({ policy: { url } });
    await openByClick(el, 'cost');
    const toggle = inDialog<HTMLButtonElement>(el, '[part="policy-toggle"]')!;
    const region = inDialog<HTMLElement>(el, '#policy')!;
    toggle.click();
    await waitUntil(() => region.querySelector('a'), 'no fallback link');
    expect(region.querySelector('a')!.getAttribute('href')).to.equal(new URL(url, location.href).href);
    toggle.click();
    toggle.click();
    await waitUntil(() => region.querySelector('h2'), 'not fetched again');
    expect(region.textContent).to.contain('개인정보처리방침');
  });

  it('offers marketing consent as a separate, unticked, optional box', async () => {
    const el = await mountWidget({ marketingConsent: true, endpoint: '/api/inquiry' });
    await openByClick(el, 'cost');
    const marketing = inDialog<HTMLInputElement>(el, '#consent-marketing')!;
    expect(marketing.checked).to.be.false;
    expect(marketing.required).to.be.false;
    await fillValid(el);
    const done = oneEvent(el, 'consult-success');
    submitButton(el).click();
    const { detail } = await done;
    const stored = (await received()).find((r) => r.inquiry.id === detail.inquiryId)!;
    expect(stored.inquiry.consent.marketing).to.equal(false);
  });
});

describe('consult-dialog: sending', () => {
  it('POSTs the documented JSON to the endpoint, which validates and stores it, then shows success', async () => {
    const el = await mountWidget({ endpoint: '/api/inquiry', marketingConsent: true, interests: ['헤어라인', '정수리'] });
    await openByClick(el, 'consult');
    await fillValid(el);
    inDialog<HTMLInputElement>(el, '#consent-marketing')!.click();
    const select = inDialog<HTMLSelectElement>(el, '[name="interest"]')!;
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    inDialog<HTMLInputElement>(el, 'input[name="gender"][value="female"]')!.click();
    const events: string[] = [];
    for (const type of ['consult-submit', 'consult-success'] as const) el.addEventListener(type, (e) => events.push(e.type));
    const success = oneEvent(document, 'consult-success');
    submitButton(el).click();
    const { detail } = await success;
    expect(events).to.deep.equal(['consult-submit', 'consult-success']);
    expect(detail.status).to.equal(201);
    const stored = (await received()).find((r) => r.inquiry.id === detail.inquiryId);
    expect(stored, 'the endpoint stored it').to.exist;
    const inquiry = stored!.inquiry;
    expect(InquirySchema.safeParse(inquiry).success).to.be.true;
    expect(inquiry.form).to.equal('consult');
    expect(inquiry.formTitle, 'a built-in form untitled by the clinic: the receiver names it').to.equal(undefined);
    expect(inquiry.fields).to.deep.include({ ...VALID, gender: 'female' });
    expect(inquiry.fields.interest).to.be.a('string').and.not.equal('');
    expect(inquiry.consent.privacy).to.be.true;
    expect(inquiry.consent.marketing).to.be.true;
    expect(inquiry.consent.policyVersion).to.equal('builtin-2026-11-27');
    expect(inquiry.consent.retentionMonths, 'how long the notice said it is kept (the default)').to.equal(12);
    expect(inquiry.consent.sensitive, 'the message and treatment went with their own consent').to.be.true;
    expect(Date.parse(inquiry.consent.agreedAt)).to.be.at.most(Date.parse(inquiry.submittedAt));
    expect(inquiry.page.url).to.equal(location.href);
    expect(inquiry.page.title).to.equal(document.title);
    expect(inquiry.locale).to.equal('ko');
    await settle();
    const message = inDialog(el, '[part="success"]')!;
    expect(message.textContent).to.contain('접수');
    expect(message.getAttribute('role'), 'announced').to.equal('status');
    expectSame(deepActive(), message, 'focus');
    await expect(dialogOf(el)).to.be.accessible();
  });

  it('is not refused for a page URL full of tracking parameters', async () => {
    const original = location.href;
    history.replaceState(null, '', `${location.pathname}?utm_source=${'x'.repeat(3000)}`);
    try {
      const el = await mountWidget({ endpoint: '/api/inquiry' });
      await openByClick(el, 'cost');
      await fillValid(el);
      submitButton(el).click();
      const { detail } = await oneEvent(el, 'consult-success');
      const stored = (await received()).find((r) => r.inquiry.id === detail.inquiryId)!;
      expect(stored.inquiry.page.url.length).to.equal(2000);
    } finally {
      history.replaceState(null, '', original);
    }
  });

  it('sends Content-Type application/json and an Idempotency-Key equal to the id', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/ok?key=${key}` });
    await sendValid(el);
    await oneEvent(el, 'consult-success');
    const [attempt] = await attempts(key);
    expect(attempt.contentType).to.equal('application/json');
    expect(attempt.idempotencyKey).to.equal(attempt.body.id);
  });

  it('on a server error keeps everything typed, says so, and sends the same inquiry again', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/flaky?key=${key}`, phone: '1833-7488', retries: 1 });
    await openByClick(el, 'cost');
    await fillValid(el);
    const failed = oneEvent(el, 'consult-error');
    submitButton(el).click();
    const { detail } = await failed;
    expect(detail.reason).to.equal('http');
    expect(detail.status).to.equal(503);
    await settle();
    const alert = inDialog(el, '[role="alert"]')!;
    expect(alert.textContent).to.contain('503');
    expect(alert.textContent).to.contain('그대로 남아');
    expect(alert.querySelector('a[href="tel:18337488"]')).to.exist;
    expect(inDialog<HTMLInputElement>(el, '[name="name"]')!.value).to.equal(VALID.name);
    expect(inDialog<HTMLTextAreaElement>(el, '[name="message"]')!.value).to.equal(VALID.message);
    expect(inDialog<HTMLInputElement>(el, '#consent-privacy')!.checked).to.be.true;
    await expect(dialogOf(el)).to.be.accessible();
    const ok = oneEvent(el, 'consult-success');
    submitButton(el).click();
    await ok;
    const sent = await attempts(key);
    expect(sent).to.have.length(2);
    expect(sent[1].body.id).to.equal(sent[0].body.id);
    expect(sent[1].idempotencyKey).to.equal(sent[0].body.id);
    expect(sent[1].body, 'the very same body, so the receiver sees a duplicate, not a conflict').to.deep.equal(sent[0].body);
  });

  for (const code of [403, 404, 422]) {
    it(`treats ${code} as not received${code === 422 ? '' : ', and tells the agency on the console what to check'}`, async () => {
      const el = await mountWidget({ endpoint: `/test/status?code=${code}&key=${uniqueKey()}` });
      await openByClick(el, 'cost');
      await fillValid(el);
      const logged = await capturingErrors(async () => {
        submitButton(el).click();
        const { detail } = await oneEvent(el, 'consult-error');
        expect(detail).to.include({ reason: 'http', status: code });
      });
      if (code === 422) expect(logged).to.deep.equal([]);
      else {
        expect(logged).to.have.length(1);
        expect(logged[0]).to.contain(`answered ${code}`).and.contain('the site id in "endpoint"').and.contain(`lists ${location.origin}`);
      }
    });
  }

  it('starts a fresh form after a sent inquiry, so a second one can be sent', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/ok?key=${key}` });
    await sendValid(el);
    await oneEvent(el, 'consult-success');
    el.close();
    await openByClick(el, 'cost');
    expect(inDialog(el, '[part="success"]') === null, 'no stale success message').to.be.true;
    expect(inDialog<HTMLInputElement>(el, '[name="name"]')!.value).to.equal('');
    await fillValid(el);
    submitButton(el).click();
    await oneEvent(el, 'consult-success');
    const sent = await attempts(key);
    expect(sent).to.have.length(2);
    expect(sent[1].body.id).to.not.equal(sent[0].body.id);
  });

  it('records the configured policy version, the language and when consent was given', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/ok?key=${key}`, locale: 'en', policy: { version: '2026-01', text: '...' } });
    await waitUntil(() => button(el, 'cost').textContent!.includes('Cost inquiry'));
    await openByClick(el, 'cost');
    await fillValid(el, { name: '  Jane  ', phone: '010-1234-5678', message: 'Hello' });
    await aTimeout(20);
    submitButton(el).click();
    await oneEvent(el, 'consult-success');
    const [{ body }] = await attempts(key);
    expect(body.locale).to.equal('en');
    expect(inDialog(el, '[part="success"]')!.textContent, 'the dialog speaks English too').to.contain('Your inquiry has been received');
    expect(body.consent.policyVersion).to.equal('2026-01');
    expect(body.fields.name, 'trimmed').to.equal('Jane');
    expect(Date.parse(body.consent.agreedAt)).to.be.below(Date.parse(body.submittedAt));
  });

  it('keeps the draft when the patient closes the dialog after a failure', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/status?code=500&key=${key}`, retries: 1 });
    await sendValid(el);
    await oneEvent(el, 'consult-error');
    el.close();
    await openByClick(el, 'cost');
    expect(inDialog<HTMLInputElement>(el, '[name="phone"]')!.value).to.equal(VALID.phone);
  });

  it('says clearly that the answer was too slow, when this browser cannot keep the inquiry to send later (the page filled its storage)', async () => {
    const el = await mountWidget({ endpoint: `/test/ok?key=${uniqueKey()}&delay=3000`, timeoutMs: 1000, retries: 1 });
    const empty = fillLocalStorage();
    try {
      await sendValid(el);
      const { detail } = await oneEvent(el, 'consult-error');
      expect(detail.reason).to.equal('timeout');
      await settle();
      expect(inDialog(el, '[role="alert"]')!.textContent).to.contain('늦어');
    } finally {
      empty();
    }
  });

  it('shows progress while sending and sends once however often the patient clicks', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/ok?key=${key}&delay=600` });
    await openByClick(el, 'cost');
    await fillValid(el);
    const submit = submitButton(el);
    submit.click();
    await settle();
    expect(submit.getAttribute('aria-disabled')).to.equal('true');
    expect(submit.textContent).to.contain('보내는 중');
    submit.click();
    submit.focus();
    await sendKeys({ press: 'Enter' });
    await oneEvent(el, 'consult-success');
    expect(await attempts(key)).to.have.length(1);
  });

  it('renders what patients type and what configuration says as text, never as HTML', async () => {
    const evil = '<img src=x onerror="window.pwned=1">';
    const el = await mountWidget({ clinicName: evil, forms: [{ id: 'cost', title: evil }] });
    await openByClick(el, 'cost');
    await typeInto(el, 'name', evil);
    submitButton(el).click();
    await settle();
    inDialog<HTMLButtonElement>(el, '[part="policy-toggle"]')!.click();
    await settle();
    expect(dialogOf(el).shadowRoot!.querySelector('img') === null).to.be.true;
    expect(inDialog(el, 'h2')!.textContent).to.equal(evil);
    expect((window as unknown as { pwned?: number }).pwned).to.equal(undefined);
  });
});
