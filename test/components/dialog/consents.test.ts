import { expect, oneEvent } from '@open-wc/testing';
import { dialogOf, fillValid, inDialog, mountWidget, openByClick, received, settle, submitButton, tapSend, tickBox } from '../../helpers.js';
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
  it('shows a second, separate, unticked, required consent with its own notice when a field is sensitive', async () => {
    const el = await mountWidget({ forms: [SENSITIVE_FORM] });
    await openByClick(el, 'consult');
    const box = inDialog<HTMLInputElement>(el, '#consent-sensitive')!;
    expect(box.checked, 'unticked').to.be.false;
    expect(box.required, 'required').to.be.true;
    expect(section(el, 'consent-sensitive') !== section(el, 'consent-privacy'), 'apart from the general consent').to.be.true;
    const notice = section(el, 'consent-sensitive').textContent!;
    expect(notice).to.contain('민감정보');
    expect(notice, 'what').to.contain('증상에 적으신');
    expect(notice, 'why').to.contain('진료 상담');
    expect(notice, 'how long').to.contain('문의일로부터 1년');
    expect(notice, 'the right to refuse and what it means').to.contain('동의하지 않으실 수 있습니다');
    expect(notice).to.contain('보낼 수 없으니');
    expect(section(el, 'consent-privacy').querySelector('dl')!.textContent, 'the general notice does not list the sensitive field').to.not.contain('증상');
    await expect(dialogOf(el)).to.be.accessible();
  });

  it('refuses to send without it, then sends consent.sensitive: true', async () => {
    const el = await mountWidget({ forms: [SENSITIVE_FORM] });
    await openByClick(el, 'consult');
    await fillValid(el);
    expect(await tapSend(el)).to.equal(0);
    const box = inDialog(el, '#consent-sensitive')!;
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    expect(dialogOf(el).shadowRoot!.getElementById(box.getAttribute('aria-describedby')!)!.textContent).to.contain('민감정보 수집·이용에 동의해 주세요');
    await expect(dialogOf(el)).to.be.accessible();
    await tickBox(el, 'consent-sensitive');
    const inquiry = await send(el);
    expect(inquiry.consent.sensitive).to.equal(true);
    expect(InquirySchema.safeParse(inquiry).success).to.be.true;
  });

  it('is absent, and absent from the payload, when no field is sensitive', async () => {
    const inquiry = await sentWith({});
    expect('sensitive' in inquiry.consent).to.be.false;
    const el = await mountWidget();
    await openByClick(el, 'cost');
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
    expect(notice.textContent, 'what').to.contain('이름, 연락처 및 문의 내용');
    expect(notice.textContent, 'why').to.contain('혜택 소식');
    expect(notice.textContent, 'how long').to.contain('동의를 철회하실 때까지');
    expect(notice.textContent, 'not a condition').to.contain('동의하지 않으셔도 상담 문의는 보낼 수 있습니다');
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
    expect(error.textContent).to.contain('보호자께 병원으로 전화해 달라고');
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
    expect(inquiry.consent.policyVersion).to.equal('builtin-2026-11-26');
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
    const withSensitive = (await sentWith({ clinicName: '하늘 치과', forms: [SENSITIVE_FORM] }, 'consult', ['consent-sensitive'])).consent.noticeHash;
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
