import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { dialogOf, fillValid, inDialog, mountWidget, openByClick, received, settle, submitButton, tapSend, tickBox, typeInto } from '../../helpers.js';
import type { ConsultWidget } from '../../../src/components/widget/widget.js';
import type { ConfigInput } from '../../../src/config/merge.js';
import { InquirySchema, type Inquiry } from '../../../src/schema/inquiry.js';
import { sha256, sha256Hex } from '../../../src/util/sha256.js';

/** A consult form whose message is about symptoms: sensitive information under PIPA Art. 23. */
const SENSITIVE_FORM = {
  id: 'consult',
  fields: [
    { name: 'name', kind: 'text', required: true },
    { name: 'phone', kind: 'tel', required: true },
    { name: 'message', kind: 'textarea', label: '증상', sensitive: true },
  ],
} as const;

/** Sends a filled-in form and answers the inquiry the endpoint stored. */
async function send(el: ConsultWidget): Promise<Inquiry> {
  const done = oneEvent(el, 'consult-success');
  submitButton(el).click();
  const { detail } = await done;
  return (await received()).find((r) => r.inquiry.id === detail.inquiryId)!.inquiry;
}

async function sentWith(config: ConfigInput, formId = 'cost', extra: string[] = []): Promise<Inquiry> {
  // Many inquiries from one browser in a test: the per-browser limit is not what is tested here.
  localStorage.removeItem('consult-widget:sends');
  const el = await mountWidget(config);
  await openByClick(el, formId);
  await fillValid(el);
  for (const id of extra) await tickBox(el, id);
  const inquiry = await send(el);
  el.remove();
  return inquiry;
}

const section = (el: ConsultWidget, id: string) => inDialog(el, `#${id}`)!.closest('section')!;

describe('consents: sensitive information (PIPA Art. 23)', () => {
  it('shows a second, separate, unticked consent with its own notice when a field is sensitive, required once that field is filled in', async () => {
    const el = await mountWidget({ forms: [SENSITIVE_FORM] });
    await openByClick(el, 'consult');
    const box = inDialog<HTMLInputElement>(el, '#consent-sensitive')!;
    expect(box.checked, 'unticked').to.be.false;
    expect(box.required, 'not required while the field is empty').to.be.false;
    expect(box.labels![0].textContent).to.contain('[입력·선택 시 필수] 민감정보');
    expect(section(el, 'consent-sensitive') !== section(el, 'consent-privacy'), 'apart from the general consent').to.be.true;
    const notice = section(el, 'consent-sensitive').textContent!;
    expect(notice).to.contain('민감정보');
    expect(notice, 'what').to.contain('증상에 적거나 고르신');
    expect(notice, 'why').to.contain('진료 상담');
    expect(notice, 'how long').to.contain('문의일로부터 1년');
    expect(notice, 'the right to refuse and what it means').to.contain('민감정보 수집·이용에 동의하지 않으실 수 있으며, 동의하지 않으셔도 상담 문의는 보내실 수 있습니다. 이때는 증상 칸을 비워 주세요.');
    expect(section(el, 'consent-privacy').querySelector('dl')!.textContent, 'the general notice does not list the sensitive field').to.not.contain('증상');
    await expect(dialogOf(el)).to.be.accessible();
    await typeInto(el, 'message', '정수리 탈모');
    await settle();
    expect(box.required, 'required once the field holds something').to.be.true;
    inDialog<HTMLTextAreaElement>(el, '[name="message"]')!.value = '';
    inDialog(el, '[name="message"]')!.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settle();
    expect(box.required, 'and no longer once it is emptied').to.be.false;
  });

  it('refuses to send what was written in a sensitive field without it, naming the field, then sends consent.sensitive: true', async () => {
    const el = await mountWidget({ forms: [SENSITIVE_FORM] });
    await openByClick(el, 'consult');
    await fillValid(el, { name: '홍길동', phone: '010-1234-5678' });
    await typeInto(el, 'message', '정수리 탈모가 있습니다');
    expect(await tapSend(el)).to.equal(0);
    const box = inDialog(el, '#consent-sensitive')!;
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    expect(dialogOf(el).shadowRoot!.getElementById(box.getAttribute('aria-describedby')!)!.textContent!.trim()).to.equal('‘증상’에 입력하신 정보는 민감정보이므로 별도 동의가 필요합니다. 동의해 주시거나, 해당 칸을 비워 주세요.');
    await expect(dialogOf(el)).to.be.accessible();
    await tickBox(el, 'consent-sensitive');
    const inquiry = await send(el);
    expect(inquiry.consent.sensitive).to.equal(true);
    expect(inquiry.fields.message).to.equal('정수리 탈모가 있습니다');
    expect(InquirySchema.safeParse(inquiry).success).to.be.true;
  });

  it('sends without it when the sensitive fields are left empty, with no consent.sensitive and nothing of them, not even an unticked box', async () => {
    const treated = { name: 'treated', kind: 'checkbox', label: '탈모 치료를 받고 있습니다', sensitive: true } as const;
    const el = await mountWidget({ forms: [{ ...SENSITIVE_FORM, fields: [...SENSITIVE_FORM.fields, treated] }] });
    await openByClick(el, 'consult');
    await fillValid(el, { name: '홍길동', phone: '010-1234-5678' });
    const inquiry = await send(el);
    expect('sensitive' in inquiry.consent).to.be.false;
    expect(Object.keys(inquiry.fields).sort()).to.deep.equal(['name', 'phone']);
  });

  it('lets a patient who will not agree empty the field instead: the error goes, and the rest is sent', async () => {
    const el = await mountWidget({ forms: [SENSITIVE_FORM] });
    await openByClick(el, 'consult');
    await fillValid(el, { name: '홍길동', phone: '010-1234-5678' });
    await typeInto(el, 'message', '두피가 가렵습니다');
    expect(await tapSend(el)).to.equal(0);
    expect(inDialog(el, '#consent-sensitive-error'), 'the error').to.not.equal(null);
    const message = inDialog<HTMLTextAreaElement>(el, '[name="message"]')!;
    message.select();
    message.focus();
    await sendKeys({ press: 'Backspace' });
    await settle();
    expect(inDialog(el, '#consent-sensitive-error'), 'gone once the field is empty').to.equal(null);
    const inquiry = await send(el);
    expect('sensitive' in inquiry.consent).to.be.false;
    expect('message' in inquiry.fields).to.be.false;
  });

  it('offers "선택 안 함" on an optional sensitive radio, so a choice made can be emptied as the notice says', async () => {
    const stage = { name: 'stage', kind: 'radio', label: '탈모 단계', options: ['초기', '중기', '진행'], sensitive: true } as const;
    const el = await mountWidget({ forms: [{ ...SENSITIVE_FORM, fields: [...SENSITIVE_FORM.fields.slice(0, 2), stage] }] });
    await openByClick(el, 'consult');
    const radio = (value: string) => inDialog<HTMLInputElement>(el, `input[name="stage"][value="${value}"]`)!;
    const box = inDialog<HTMLInputElement>(el, '#consent-sensitive')!;
    expect(radio('').checked, 'none, until one is chosen').to.be.true;
    expect(radio('').labels![0].textContent!.trim()).to.equal('선택 안 함');
    radio('중기').click();
    await settle();
    expect(box.required, 'a stage chosen').to.be.true;
    radio('').click();
    await settle();
    expect(box.required, 'none again').to.be.false;
    await fillValid(el, { name: '홍길동', phone: '010-1234-5678' });
    const inquiry = await send(el);
    expect('sensitive' in inquiry.consent).to.be.false;
    expect('stage' in inquiry.fields).to.be.false;
    // Not on a radio that is not sensitive, such as the preset gender.
    const preset = await mountWidget({ interests: ['모발이식'] });
    await openByClick(preset, 'consult');
    expect([...dialogOf(preset).shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="gender"]')].map((r) => r.value)).to.deep.equal(['female', 'male']);
  });

  it('is required from the start, and says so, when a sensitive field is required', async () => {
    const form = { ...SENSITIVE_FORM, fields: SENSITIVE_FORM.fields.map((f) => (f.name === 'message' ? { ...f, required: true } : f)) };
    const el = await mountWidget({ forms: [form] });
    await openByClick(el, 'consult');
    const box = inDialog<HTMLInputElement>(el, '#consent-sensitive')!;
    expect(box.required).to.be.true;
    expect(box.labels![0].textContent).to.contain('[필수] 민감정보');
    expect(section(el, 'consent-sensitive').textContent).to.contain('동의하지 않으시면 온라인 상담 문의를 보내실 수 없으니');
    await typeInto(el, 'name', '홍길동');
    await typeInto(el, 'phone', '010-1234-5678');
    await typeInto(el, 'message', '정수리 탈모');
    await tickBox(el, 'consent-privacy');
    expect(await tapSend(el)).to.equal(0);
    expect(inDialog(el, '#consent-sensitive-error')!.textContent!.trim()).to.equal('‘증상’에 입력하신 정보는 민감정보이므로 별도 동의가 필요합니다. 민감정보 수집·이용에 동의해 주세요.');
  });

  it('covers the preset forms: the treatment or area and the message are sensitive, the name and phone are not', async () => {
    const el = await mountWidget({ interests: ['모발이식', '탈모 치료'] });
    for (const formId of ['cost', 'consult']) {
      await openByClick(el, formId);
      const sensitive = section(el, 'consent-sensitive').querySelector('dd')!.textContent!;
      expect(sensitive, formId).to.contain('관심 진료·부위 및 문의 내용에 적거나 고르신');
      const general = section(el, 'consent-privacy').querySelector('dd')!.textContent!;
      expect(general, formId).to.contain('이름');
      expect(general, formId).to.not.contain('문의 내용');
      expect(general, 'the page data sent with it (PIPA Art. 15(2))').to.match(
        /^이름, 연락처(, 성별)? 및 자동으로 기록되는 접속 정보\(문의하신 페이지의 주소와 제목, 처음 방문하신 페이지의 주소, 유입 경로, 광고 정보\)$/,
      );
      // Choosing a treatment tells of a condition: it too goes only with the consent.
      const select = inDialog<HTMLSelectElement>(el, '[name="interest"]')!;
      select.value = '탈모 치료';
      select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      await typeInto(el, 'name', '홍길동');
      await typeInto(el, 'phone', '010-1234-5678');
      await typeInto(el, 'message', '정수리가 비어 보여요');
      await tickBox(el, 'consent-privacy');
      expect(await tapSend(el), formId).to.equal(0);
      const error = () => inDialog(el, '#consent-sensitive-error')!.textContent!.trim();
      expect(error(), formId).to.match(/^‘관심 진료·부위’ 및 ‘문의 내용’에 입력하신 정보는 민감정보이므로/);
      // The error follows what is still filled in.
      const message = inDialog<HTMLTextAreaElement>(el, '[name="message"]')!;
      message.select();
      message.focus();
      await sendKeys({ press: 'Backspace' });
      await settle();
      expect(error(), formId).to.match(/^‘관심 진료·부위’에 입력하신 정보는/);
      el.close();
      await settle();
    }
  });

  it('is absent, and absent from the payload, when no field is sensitive', async () => {
    const form = { id: 'consult', fields: SENSITIVE_FORM.fields.map((f) => ({ ...f, sensitive: false })) };
    const inquiry = await sentWith({ forms: [form] }, 'consult');
    expect('sensitive' in inquiry.consent).to.be.false;
    const el = await mountWidget({ forms: [form] });
    await openByClick(el, 'consult');
    expect(inDialog(el, '#consent-sensitive')).to.equal(null);
  });
});

describe('consents: marketing', () => {
  it('has its own notice behind its own toggle, unticked and optional', async () => {
    const el = await mountWidget({ marketingConsent: true });
    await openByClick(el, 'cost');
    const box = inDialog<HTMLInputElement>(el, '#consent-marketing')!;
    expect(box.checked).to.be.false;
    expect(box.required).to.be.false;
    expect(section(el, 'consent-marketing') !== section(el, 'consent-privacy'), 'apart from the general consent').to.be.true;
    const toggle = inDialog<HTMLButtonElement>(el, '[part="marketing-toggle"]')!;
    const notice = inDialog<HTMLElement>(el, '#marketing-notice')!;
    expect(toggle.getAttribute('aria-controls')).to.equal('marketing-notice');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(notice.getClientRects().length, 'hidden until asked for').to.equal(0);
    toggle.click();
    await settle();
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(notice.getClientRects().length).to.be.greaterThan(0);
    expect(notice.textContent, 'what: the contact details, not the health information').to.contain('이름 및 연락처');
    expect(notice.textContent).to.not.contain('문의 내용');
    expect(notice.textContent, 'why').to.contain('혜택 소식');
    expect(notice.textContent, 'how long').to.contain('동의를 철회하실 때까지');
    expect(notice.textContent, 'not a condition').to.contain('동의하지 않으셔도 상담 문의는 보내실 수 있습니다');
    await expect(dialogOf(el)).to.be.accessible();
  });

  it('is never a condition of sending, and is recorded either way', async () => {
    expect((await sentWith({ marketingConsent: true })).consent.marketing).to.equal(false);
    expect((await sentWith({ marketingConsent: true }, 'cost', ['consent-marketing'])).consent.marketing).to.equal(true);
    expect('marketing' in (await sentWith({})).consent).to.be.false;
  });
});

describe('consents: age (PIPA Art. 22-2)', () => {
  it('asks "만 14세 이상입니다" when ageConfirmation is on: unticked and required', async () => {
    const el = await mountWidget({ ageConfirmation: true });
    await openByClick(el, 'cost');
    const box = inDialog<HTMLInputElement>(el, '#consent-age14')!;
    expect(box.checked).to.be.false;
    expect(box.required).to.be.true;
    expect(inDialog(el, '[part="consent-age"]')!.textContent).to.contain('만 14세 이상입니다');
    await expect(dialogOf(el)).to.be.accessible();
    const off = await mountWidget();
    await openByClick(off, 'cost');
    expect(inDialog(off, '#consent-age14')).to.equal(null);
  });

  it('tells a younger patient to ask a parent or guardian to call, with the number, and sends nothing', async () => {
    const el = await mountWidget({ ageConfirmation: true });
    await openByClick(el, 'cost');
    await fillValid(el);
    expect(await tapSend(el)).to.equal(0);
    const error = dialogOf(el).shadowRoot!.getElementById('consent-age14-error')!;
    expect(error.textContent).to.contain('법정대리인께서 병원으로 전화해 주시도록');
    expect(error.querySelector('a')!.getAttribute('href')).to.equal('tel:18337488');
    await expect(dialogOf(el)).to.be.accessible();
    await tickBox(el, 'consent-age14');
    expect((await send(el)).consent.age14).to.equal(true);
  });
});

describe('consents: the record in every payload', () => {
  it('carries policyVersion, a SHA-256 noticeHash, agreedAt and the widgetVersion', async () => {
    const inquiry = await sentWith({});
    expect(inquiry.consent.privacy).to.equal(true);
    expect(inquiry.consent.policyVersion).to.equal('builtin-2026-11-27');
    expect(inquiry.consent.noticeHash).to.match(/^[0-9a-f]{64}$/);
    expect(Date.parse(inquiry.consent.agreedAt)).to.be.a('number').and.not.NaN;
    const pkg = await (await fetch('/package.json')).json();
    expect(inquiry.widgetVersion).to.equal(pkg.version);
  });

  it('hashes the same notice texts to the same value, and different texts to different values', async function () {
    this.timeout(30000);
    const a = (await sentWith({ clinicName: '하늘 치과' })).consent.noticeHash;
    const b = (await sentWith({ clinicName: '하늘 치과' })).consent.noticeHash;
    expect(a, 'same texts').to.equal(b);
    const otherClinic = (await sentWith({ clinicName: '바다 치과' })).consent.noticeHash;
    const otherRetention = (await sentWith({ clinicName: '하늘 치과', policy: { retentionMonths: 36 } })).consent.noticeHash;
    const withMarketing = (await sentWith({ clinicName: '하늘 치과', marketingConsent: true })).consent.noticeHash;
    const withSensitive = (await sentWith({ clinicName: '하늘 치과', forms: [SENSITIVE_FORM] }, 'consult')).consent.noticeHash;
    expect(new Set([a, otherClinic, otherRetention, withMarketing, withSensitive]).size, 'each change of text changes the hash').to.equal(5);
  });

  it('computes SHA-256 in plain JavaScript where crypto.subtle is missing (http pages), to the same digest', async () => {
    for (const text of ['', 'abc', '개인정보 수집·이용 안내'.repeat(40), 'x'.repeat(55), 'x'.repeat(64)]) {
      const bytes = new TextEncoder().encode(text);
      const expected = [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
      expect([...sha256(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('')).to.equal(expected);
      expect(await sha256Hex(text)).to.equal(expected);
    }
    expect(await sha256Hex('abc')).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('consents: who processes inquiries for the clinic (PIPA Art. 26)', () => {
  const policyText = async (el: ConsultWidget) => {
    await openByClick(el, 'cost');
    inDialog<HTMLButtonElement>(el, '[part="policy-toggle"]')!.click();
    await settle();
    return inDialog(el, '[part="policy"]')!.textContent!;
  };

  it('names the agency that receives and keeps inquiries in the built-in policy, in the patient’s language', async () => {
    const processor = { ko: '온누리웹', en: 'Onnuri Web Co.' };
    expect(await policyText(await mountWidget({ policy: { processor } }))).to.contain('상담 문의의 접수·보관과 담당자 알림 업무는 온누리웹에 위탁하여 처리합니다.');
    const english = await policyText(await mountWidget({ locale: 'en', policy: { processor } }));
    expect(english).to.contain('is entrusted to Onnuri Web Co.');
    expect(english, 'one full stop after "Co."').to.not.contain('Co..');
    expect(english.trim(), 'the notice begins with a capital').to.match(/^The clinic collects/);
  });

  it('keeps a clinic\'s own label as written in English sentences (the notice, the errors), and lower-cases only the widget\'s own', async () => {
    const el = await mountWidget({ locale: 'en', forms: [{ id: 'cost', fields: [{ name: 'name', kind: 'text', required: true }, { name: 'kakaoId', kind: 'text', required: true, label: 'KakaoTalk ID' }] }] });
    await openByClick(el, 'cost');
    expect(inDialog(el, '[part="consent"]')!.textContent).to.contain('name and KakaoTalk ID');
    submitButton(el).click();
    await settle();
    expect(dialogOf(el).shadowRoot!.textContent).to.contain('Please enter your KakaoTalk ID.');
  });

  it('says nothing of it when no processor is set (a clinic that runs its own receiver)', async () => {
    expect(await policyText(await mountWidget())).to.not.contain('위탁');
  });
});
