import { aTimeout, expect, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { VALID, button, deepActive, dialogOf, expectSame, fieldError, fillValid, inDialog, mountWidget, openByClick, sendValid, settle, submitButton, typeInto, uniqueKey } from '../../helpers.js';
import type { ConsultWidget } from '../../../src/components/widget/widget.js';

/** The hint under a field's label (the first element it is described by). */
const fieldHint = (el: ConsultWidget, name: string) =>
  dialogOf(el).shadowRoot!.getElementById(inDialog(el, `[name="${name}"]`)!.getAttribute('aria-describedby')!.split(' ')[0])!.textContent!;

const errorText = (el: ConsultWidget, name: string) => {
  return fieldError(el, name)?.textContent!.trim();
};

/**
 * The longest form there is, in a language: the consult form with every consent box, its
 * errors shown, the policy and the marketing notice expanded.
 */
async function wideOpen(locale: 'ko' | 'en' | 'ja' | 'zh') {
  const el = await mountWidget({ locale, interests: ['임플란트', '치아교정'], marketingConsent: true, ageConfirmation: true });
  await waitUntil(() => locale === 'ko' || !/\p{Script=Hangul}/u.test(button(el, 'cost').textContent!), `${locale} buttons`);
  await openOnPhone(el, 'consult');
  submitButton(el).click();
  await settle();
  inDialog<HTMLElement>(el, '[part="policy-toggle"]')!.click();
  inDialog<HTMLElement>(el, '[part="marketing-toggle"]')!.click();
  await settle();
  return el;
}

/** Every test of the enclosing describe on a touch screen of this size, and a desktop again after. */
function onTouchScreen(width: number, height: number) {
  beforeEach(async () => {
    await setViewport({ width, height });
    await executeServerCommand('emulate-touch', { enabled: true });
  });
  afterEach(async () => {
    await executeServerCommand('emulate-touch', { enabled: false });
    await setViewport({ width: 1280, height: 800 });
  });
}

/** Opens a form from the launcher's column, as a patient on a phone does. */
async function openOnPhone(el: ConsultWidget, formId: string) {
  const launcher = el.shadowRoot!.querySelector<HTMLElement>('[part="launcher"]')!;
  if (launcher.getAttribute('aria-expanded') !== 'true') launcher.click();
  await settle();
  return openByClick(el, formId);
}

for (const [width, height] of [
  [390, 844],
  [320, 568],
] as const) {
  describe(`consult-dialog on a ${width}×${height} phone`, () => {
    onTouchScreen(width, height);

    it('focuses the heading on a touch screen, so no keyboard covers the notice', async () => {
      expect(matchMedia('(pointer: coarse)').matches, 'touch emulated').to.be.true;
      const el = await mountWidget();
      await openOnPhone(el, 'cost');
      expectSame(deepActive(), inDialog(el, '[part="title"]'), 'focus');
      await expect(dialogOf(el)).to.be.accessible();
    });

    it('names the field in each error: 이름을 입력해 주세요, 연락처를 입력해 주세요', async () => {
      const el = await mountWidget();
      await openOnPhone(el, 'cost');
      submitButton(el).click();
      await settle();
      expect(errorText(el, 'name')).to.equal('이름을 입력해 주세요.');
      expect(errorText(el, 'phone')).to.equal('연락처를 입력해 주세요.');
      await expect(dialogOf(el)).to.be.accessible();
    });

    it('never breaks a phone number of the hint across lines, and tells a foreign visitor to use +country code', async () => {
      const el = await mountWidget();
      await openOnPhone(el, 'cost');
      await typeInto(el, 'phone', '12345');
      submitButton(el).click();
      await settle();
      const error = fieldError(el, 'phone')!;
      const numbers = [...error.querySelectorAll('.nowrap')];
      expect(numbers.map((n) => n.textContent)).to.deep.equal(['010-1234-5678', '02-123-4567', '+81 90-1234-5678']);
      expect(error.textContent).to.contain('국가번호');
      expect(fieldHint(el, 'phone')).to.contain('+와 국가번호');
      for (const n of numbers) expect(n.getClientRects().length, `${n.textContent} on one line`).to.equal(1);
    });

    it('after a failed send, scrolls the first invalid field so its label shows below the header', async () => {
      const el = await mountWidget({ interests: ['임플란트', '교정'] });
      await openOnPhone(el, 'consult');
      const body = inDialog<HTMLElement>(el, '.body')!;
      body.scrollTop = body.scrollHeight;
      await typeInto(el, 'phone', VALID.phone);
      submitButton(el).click();
      await settle();
      expectSame(deepActive(), inDialog(el, '[name="name"]'), 'focus');
      const label = inDialog(el, 'label[for="field-name"]')!.getBoundingClientRect();
      const header = inDialog(el, '[part="header"]')!.getBoundingClientRect();
      expect(label.top, 'label below the header').to.be.at.least(header.bottom);
      expect(label.bottom, 'label inside the body').to.be.at.most(body.getBoundingClientRect().bottom);
      // Phones scroll a focused field into view themselves (above the keyboard): the label stays in sight then too.
      inDialog(el, '[name="name"]')!.scrollIntoView({ block: 'start' });
      expect(inDialog(el, 'label[for="field-name"]')!.getBoundingClientRect().top, 'label still below the header').to.be.at.least(header.bottom);
      // The same for a field further down: the consent box.
      await typeInto(el, 'name', VALID.name);
      submitButton(el).click();
      await settle();
      expectSame(deepActive(), inDialog(el, '#consent-privacy'), 'focus');
      const consent = inDialog(el, '[part="consent-privacy"]')!.getBoundingClientRect();
      expect(consent.top).to.be.at.least(header.bottom);
      expect(consent.bottom).to.be.at.most(body.getBoundingClientRect().bottom);
    });

    it('has a fitting enterkeyhint, and Enter in a one-line field moves to the next field without sending', async () => {
      const el = await mountWidget();
      await openOnPhone(el, 'cost');
      expect(inDialog(el, '[name="name"]')!.getAttribute('enterkeyhint')).to.equal('next');
      expect(inDialog(el, '[name="phone"]')!.getAttribute('enterkeyhint')).to.equal('next');
      expect(inDialog(el, '[name="message"]')!.getAttribute('enterkeyhint')).to.equal('enter');
      let submitted = 0;
      el.addEventListener('consult-submit', () => submitted++);
      await typeInto(el, 'name', VALID.name);
      await sendKeys({ press: 'Enter' });
      await settle();
      expectSame(deepActive(), inDialog(el, '[name="phone"]'), 'focus after Enter in name');
      await sendKeys({ type: VALID.phone });
      await sendKeys({ press: 'Enter' });
      await settle();
      expectSame(deepActive(), inDialog(el, '[name="message"]'), 'focus after Enter in phone');
      expect(submitted).to.equal(0);
      expect(inDialog(el, '.error'), 'no errors shown').to.equal(null);
      await sendKeys({ type: '첫 줄' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ type: '둘째 줄' });
      expect(inDialog<HTMLTextAreaElement>(el, '[name="message"]')!.value, 'Enter makes a new line in the message').to.equal('첫 줄\n둘째 줄');
    });

    it('does not move on or send when Enter comes while a Korean syllable is still being composed', async () => {
      const el = await mountWidget();
      await openOnPhone(el, 'cost');
      let submitted = 0;
      el.addEventListener('consult-submit', () => submitted++);
      const name = inDialog<HTMLInputElement>(el, '[name="name"]')!;
      name.focus();
      const seen: Array<{ composing: boolean; code: number }> = [];
      name.addEventListener('keydown', (e) => seen.push({ composing: e.isComposing, code: e.keyCode }));
      await executeServerCommand('ime', { commit: '홍길' });
      for (const step of ['ㄷ', '도', '동']) await executeServerCommand('ime', { compose: step });
      await executeServerCommand('ime', { enterWhileComposing: true });
      await settle();
      expect(seen.at(-1), 'the keydown a phone sends').to.deep.equal({ composing: true, code: 229 });
      expectSame(deepActive(), name, 'focus stays in the name field');
      await executeServerCommand('ime', { commit: '동' });
      await settle();
      expect(name.value).to.equal('홍길동');
      expect(submitted).to.equal(0);
      expect(inDialog(el, '.error'), 'no errors shown').to.equal(null);
    });

    it("names the form's action on the send button, configurable per form", async () => {
      const el = await mountWidget({ forms: [{ id: 'kakao', submitLabel: '카톡 대신 신청하기' }] });
      await openOnPhone(el, 'consult');
      expect(submitButton(el).textContent!.trim()).to.equal('무료 상담 신청하기');
      el.close();
      await openOnPhone(el, 'cost');
      expect(submitButton(el).textContent!.trim()).to.equal('비용 문의 보내기');
      el.close();
      await openOnPhone(el, 'kakao');
      expect(submitButton(el).textContent!.trim()).to.equal('카톡 대신 신청하기');
    });

    it('on success says when the clinic will answer, repeats the phone as a link and offers to close', async () => {
      const el = await mountWidget();
      await openOnPhone(el, 'cost');
      await fillValid(el);
      const done = oneEvent(el, 'consult-success');
      submitButton(el).click();
      await done;
      await settle();
      const success = inDialog(el, '[part="success"]')!;
      expect(success.querySelector('[part="reply-time"]')!.textContent!.trim()).to.equal('진료일 기준 하루 안에 남겨 주신 연락처로 연락드리겠습니다.');
      const phone = success.querySelector<HTMLAnchorElement>('[part="success-phone"]')!;
      expect(phone.textContent).to.equal('1833-7488');
      expect(phone.getAttribute('href')).to.equal('tel:18337488');
      await expect(dialogOf(el)).to.be.accessible();
      const closed = oneEvent(el, 'consult-close');
      success.querySelector<HTMLButtonElement>('button')!.click();
      expect((await closed).detail.reason).to.equal('done');
    });

    it('keeps the success message up when the second tap of a double tap on send lands on its close button', async () => {
      // The mouse stands in for the finger (sendMouse does not run under touch emulation).
      await executeServerCommand('emulate-touch', { enabled: false });
      const el = await mountWidget({ endpoint: `/test/ok?key=${uniqueKey()}` });
      await openOnPhone(el, 'cost');
      await fillValid(el);
      // Scrolled to the end of the form, where send is.
      const body = inDialog<HTMLElement>(el, '.body')!;
      body.scrollTop = body.scrollHeight;
      const r = submitButton(el).getBoundingClientRect();
      const finger: [number, number] = [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
      let closes = 0;
      el.addEventListener('consult-close', () => closes++);
      const done = oneEvent(el, 'consult-success');
      await sendMouse({ type: 'click', position: finger });
      // A quick clinic server answers between the two taps.
      await done;
      await settle();
      const close = inDialog(el, '[part="success"] button')!.getBoundingClientRect();
      expect(finger[1] >= close.top && finger[1] <= close.bottom, 'the close button is where send was').to.be.true;
      await sendMouse({ type: 'click', position: finger });
      await settle();
      expect(closes, 'the second tap closed nothing').to.equal(0);
      expect(inDialog(el, '[part="success"]'), 'the patient still reads that the clinic has it').to.exist;
      // A deliberate tap, once the message is there to read, closes it.
      // A sleep on purpose: the double-tap window is 700 ms by the clock (DOUBLE_TAP_MS in inquiry-controller.ts), and no event marks its end.
      await aTimeout(1000);
      const closed = oneEvent(el, 'consult-close');
      await sendMouse({ type: 'click', position: finger });
      expect((await closed).detail.reason).to.equal('done');
    });

    it('after a failed send shows the whole alert and the send button to try again, not a red edge at the bottom', async () => {
      const el = await mountWidget({ endpoint: `/test/status?code=500&key=${uniqueKey()}`, retries: 1 });
      await openOnPhone(el, 'cost');
      await fillValid(el);
      const scroller = inDialog<HTMLElement>(el, '.body')!;
      scroller.scrollTop = scroller.scrollHeight;
      const failed = oneEvent(el, 'consult-error');
      submitButton(el).click();
      await failed;
      await settle();
      const body = inDialog(el, '.body')!.getBoundingClientRect();
      const alert = inDialog(el, '[part="alert"]')!.getBoundingClientRect();
      const send = submitButton(el).getBoundingClientRect();
      expect(alert.top, 'the alert begins in sight').to.be.at.least(body.top);
      expect(alert.bottom, 'the alert ends in sight').to.be.at.most(body.bottom);
      expect(send.bottom, 'the send button is in sight').to.be.at.most(body.bottom + 0.5);
    });

    it('takes the answer time from replyTime', async () => {
      const el = await mountWidget({ replyTime: '평일 오후 6시 전에 남기시면 당일에 연락드립니다.' });
      await openOnPhone(el, 'kakao');
      await fillValid(el);
      const done = oneEvent(el, 'consult-success');
      submitButton(el).click();
      await done;
      await settle();
      expect(inDialog(el, '[part="reply-time"]')!.textContent!.trim()).to.equal('평일 오후 6시 전에 남기시면 당일에 연락드립니다.');
    });

    it('says in the KakaoTalk fallback form how the answer will come', async () => {
      const el = await mountWidget();
      await openOnPhone(el, 'kakao');
      const intro = inDialog(el, '[part="intro"]')!;
      expect(intro.textContent).to.contain('전화나 문자로 답변');
      await expect(dialogOf(el)).to.be.accessible();
      el.close();
      await openOnPhone(el, 'cost');
      expect(inDialog(el, '[part="intro"]')).to.equal(null);
    });

    it('leaves the area select out without interests, and offers it in the cost form with them', async () => {
      const plain = await mountWidget();
      await openOnPhone(plain, 'consult');
      expect(inDialog(plain, '[name="interest"]'), 'no hair-transplant areas on a dental site').to.equal(null);
      plain.close();
      const el = await mountWidget({ interests: ['임플란트', '치아교정'] });
      await openOnPhone(el, 'cost');
      const options = [...inDialog(el, 'select[name="interest"]')!.querySelectorAll('option')].map((o) => o.textContent!.trim());
      expect(options.slice(1)).to.deep.equal(['임플란트', '치아교정']);
      expect(inDialog(el, 'label[for="field-interest"]')!.textContent).to.contain('관심 진료·부위');
    });

    it('wraps every language inside the sheet, Japanese and Chinese too: nothing to scroll sideways', async () => {
      for (const locale of ['ko', 'en', 'ja', 'zh'] as const) {
        const el = await wideOpen(locale);
        const body = inDialog<HTMLElement>(el, '.body')!;
        expect(body.scrollWidth, `${locale}: nothing wider than the sheet`).to.be.at.most(body.clientWidth);
        el.close();
      }
    });

    it('writes every text a patient reads at 14px or more, and what they agree to at 15px or more', async () => {
      const el = await wideOpen('ko');
      const root = dialogOf(el).shadowRoot!;
      const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const small: string[] = [];
      for (let node = texts.nextNode(); node; node = texts.nextNode()) {
        const parent = node.parentElement!;
        // The honeypot no one sees, and text only screen readers get (clipped to 1px).
        if (!node.textContent!.trim() || parent.closest('.hp, .hidden-text')) continue;
        const size = parseFloat(getComputedStyle(parent).fontSize);
        const least = parent.closest('.consent') && !parent.closest('.policy, .error') ? 15 : 14;
        if (size < least) small.push(`${size}px < ${least}px: ${node.textContent!.trim().slice(0, 30)}`);
      }
      expect(small).to.deep.equal([]);
    });

    it('expands the full policy within the flow of the sheet, not as a nested scroll box', async () => {
      const el = await mountWidget();
      await openOnPhone(el, 'cost');
      inDialog<HTMLButtonElement>(el, '[part="policy-toggle"]')!.click();
      await settle();
      const policy = inDialog<HTMLElement>(el, '#policy')!;
      expect(getComputedStyle(policy).overflowY).to.equal('visible');
      expect(policy.scrollHeight).to.be.at.most(policy.clientHeight + 1);
      expect(inDialog<HTMLElement>(el, '.body')!.scrollHeight, 'the sheet scrolls instead').to.be.greaterThan(inDialog<HTMLElement>(el, '.body')!.clientHeight);
      await expect(dialogOf(el)).to.be.accessible();
    });
  });
}

// A phone with the browser's page zoom at 200% (iOS Safari's aA menu, Chrome's accessibility
// zoom): the layout is half as wide in CSS pixels.
for (const [width, height] of [
  [160, 284],
  [195, 422],
] as const) {
  describe(`consult-dialog on a phone zoomed to 200% (${width * 2}×${height * 2})`, () => {
    onTouchScreen(width, height);

    it('still wraps every text inside the sheet and keeps the close button whole', async () => {
      for (const locale of ['ko', 'en', 'ja', 'zh'] as const) {
        const el = await wideOpen(locale);
        const body = inDialog<HTMLElement>(el, '.body')!;
        expect(body.scrollWidth, `${locale}: nothing wider than the sheet`).to.be.at.most(body.clientWidth);
        const close = inDialog(el, '[part="close-button"]')!.getBoundingClientRect();
        expect(Math.min(close.width, close.height), `${locale}: close button 44px`).to.be.at.least(44);
        expect(close.right, `${locale}: close button on screen`).to.be.at.most(width);
        el.close();
      }
    });
  });
}

describe('consult-dialog on a desktop', () => {
  it('focuses the first field when opened with a mouse and keyboard', async () => {
    expect(matchMedia('(pointer: coarse)').matches).to.be.false;
    const el = await mountWidget();
    await openByClick(el, 'cost');
    expectSame(deepActive(), inDialog(el, '[name="name"]'), 'focus');
  });

  it('writes the English consent table with its labels in one column and the items in lower case', async () => {
    const el = await mountWidget({ locale: 'en' });
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="button-cost"]')?.textContent?.includes('Cost'), 'English buttons');
    await openByClick(el, 'cost');
    const terms = [...dialogOf(el).shadowRoot!.querySelectorAll('.consent dl dt')].map((d) => d.getBoundingClientRect().left);
    const texts = [...dialogOf(el).shadowRoot!.querySelectorAll('.consent dl dd')].map((d) => d.getBoundingClientRect().left);
    expect(new Set(terms).size, 'labels in one column').to.equal(1);
    expect(new Set(texts).size, 'texts in one column').to.equal(1);
    const [general, sensitive] = [...dialogOf(el).shadowRoot!.querySelectorAll('.consent dl')].map((dl) => dl.querySelector('dd')!.textContent!);
    expect(general).to.equal(
      'name, phone number, and page data recorded automatically (the address and title of this page, the address of the first page of your visit, where you came from, ad details)',
    );
    expect(sensitive).to.match(/^message: symptoms, medical history/);
    expect(submitButton(el).textContent!.trim()).to.equal('Send cost inquiry');
    submitButton(el).click();
    await settle();
    expect(errorText(el, 'name')).to.equal('Please enter your name.');
    await expect(dialogOf(el)).to.be.accessible();
  });
});

describe('consult-dialog: how to write a number, and the clinic\'s number to call', () => {
  it('shows under the phone label how to write a number from abroad, tied to the field, and keeps it while typing', async () => {
    const el = await mountWidget();
    await openByClick(el, 'cost');
    const phone = inDialog<HTMLInputElement>(el, '[name="phone"]')!;
    const hint = dialogOf(el).shadowRoot!.getElementById(phone.getAttribute('aria-describedby')!.split(' ')[0])!;
    expect(hint.textContent).to.contain('+81 90-1234-5678');
    expect(phone.placeholder, 'the placeholder, which goes with the first keystroke, is only the example').to.equal('예: 010-1234-5678');
    await typeInto(el, 'phone', '+81 90');
    await settle();
    expect(hint.isConnected && hint.getBoundingClientRect().height > 0, 'still on screen while typing').to.be.true;
  });

  it('gives each field the keyboard and autofill its content wants: name, phone, and a clinic\'s email field', async () => {
    const el = await mountWidget({
      buttons: [{ type: 'form', label: '이벤트 신청', form: 'event', id: 'event' }],
      forms: [{ id: 'event', fields: [{ name: 'name', kind: 'text', required: true }, { name: 'phone', kind: 'tel', required: true }, { name: 'email', kind: 'text', label: '이메일' }] }],
    });
    await openByClick(el, 'event');
    const attrs = (name: string) => {
      const input = inDialog<HTMLInputElement>(el, `[name="${name}"]`)!;
      return [input.type, input.getAttribute('inputmode'), input.getAttribute('autocomplete')];
    };
    expect(attrs('name')).to.deep.equal(['text', null, 'name']);
    expect(attrs('phone')).to.deep.equal(['tel', 'tel', 'tel']);
    expect(attrs('email'), 'a keyboard with @').to.deep.equal(['text', 'email', 'email']);
  });

  it('makes each of the clinic\'s numbers in the dialog a target a thumb can hit (44 px): directions, and the message once sent', async () => {
    const el = await mountWidget({ address: '서울 강남구 테헤란로 1', hours: '평일 10:00–19:00' });
    await openByClick(el, 'directions');
    const inDirections = [...dialogOf(el).shadowRoot!.querySelectorAll<HTMLElement>('a[href^="tel:"]')];
    expect(inDirections).to.have.length(1);
    expect(inDirections[0].getBoundingClientRect().height).to.be.at.least(44);
    dialogOf(el).close('api');
    const sent = oneEvent(el, 'consult-success');
    await sendValid(el);
    await sent;
    await settle();
    const inMessage = inDialog<HTMLElement>(el, '[part="success-phone"]')!;
    expect(inMessage.getBoundingClientRect().height).to.be.at.least(44);
  });
});
