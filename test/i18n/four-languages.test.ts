import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { button, dialogOf, fieldError, inDialog, mountWidget, openByClick, received, settle, submitButton, typeInto } from '../helpers.js';
import type { ConsultWidget } from '../../src/components/widget/widget.js';
import type { Locale } from '../../src/config/schema.js';

/**
 * A patient's path in each of the four languages, asserting on the texts they read: the
 * buttons, a form opened from its button, its errors, its notice and full policy, sending it
 * with a number of their country, success, and the directions panel. On an English, Japanese
 * or Chinese dialog no Korean is left but the clinic's own data.
 */
interface Expected {
  cost: string;
  consult: string;
  directions: string;
  submit: string;
  name: string;
  phoneLabel: string;
  nameRequired: string;
  phoneRequired: string;
  /** A word of the phone error that tells a foreign visitor about the country code. */
  countryCode: string;
  notice: string;
  /** The error under the sensitive-information box when the message was written without it. */
  sensitive: string;
  policy: string;
  sent: string;
  address: string;
  hours: string;
  map: string;
  /** What a patient of this language types. */
  patient: { name: string; phone: string; message: string };
}

const EXPECTED: Record<Locale, Expected> = {
  ko: {
    cost: '비용 문의',
    consult: '무료 상담',
    directions: '오시는 길',
    submit: '비용 문의 보내기',
    name: '이름',
    phoneLabel: '연락처',
    nameRequired: '이름을 입력해 주세요.',
    phoneRequired: '연락처를 입력해 주세요.',
    countryCode: '국가번호',
    notice: '개인정보 수집·이용 안내',
    sensitive: '‘문의 내용’에 입력하신 정보는 민감정보이므로 별도 동의가 필요합니다. 동의해 주시거나, 해당 칸을 비워 주세요.',
    policy: '하늘의원은 상담 문의를 처리하기 위해',
    sent: '문의가 접수되었습니다.',
    address: '주소',
    hours: '진료 시간',
    map: '지도에서 자세히 보기',
    patient: { name: '홍길동', phone: '010-1234-5678', message: '비용이 궁금합니다.' },
  },
  en: {
    cost: 'Cost inquiry',
    consult: 'Free consultation',
    directions: 'Directions',
    submit: 'Send cost inquiry',
    name: 'Name',
    phoneLabel: 'Phone number',
    nameRequired: 'Please enter your name.',
    phoneRequired: 'Please enter your phone number.',
    countryCode: 'country code',
    notice: 'About collecting and using your personal data',
    sensitive: 'What you entered in “Message” is sensitive information and needs your separate consent. Please agree, or leave those fields empty.',
    policy: '하늘의원 collects and uses personal data',
    sent: 'Your inquiry has been received.',
    address: 'Address',
    hours: 'Opening hours',
    map: 'See details on the map',
    patient: { name: 'Jane Doe', phone: '+1 (415) 555-0100', message: 'How much is it?' },
  },
  ja: {
    cost: '費用のお問い合わせ',
    consult: '無料相談',
    directions: 'アクセス',
    submit: '費用について問い合わせる',
    name: 'お名前',
    phoneLabel: '電話番号',
    nameRequired: 'お名前を入力してください。',
    phoneRequired: '電話番号を入力してください。',
    countryCode: '国番号',
    notice: '個人情報の収集・利用について',
    sensitive: '「お問い合わせ内容」にご入力いただいた内容はセンシティブ情報のため、別途同意が必要です。同意いただくか、その欄を空欄にしてください。',
    policy: '하늘의원は、お問い合わせに対応するため',
    sent: 'お問い合わせを受け付けました。',
    address: '住所',
    hours: '診療時間',
    map: '地図で詳しく見る',
    patient: { name: '山田太郎', phone: '+81 90-1234-5678', message: '費用を教えてください。' },
  },
  zh: {
    cost: '费用咨询',
    consult: '免费咨询',
    directions: '来院路线',
    submit: '发送费用咨询',
    name: '姓名',
    phoneLabel: '联系电话',
    nameRequired: '请输入姓名。',
    phoneRequired: '请输入联系电话。',
    countryCode: '国家代码',
    notice: '个人信息收集与使用说明',
    sensitive: '您在“咨询内容”中填写的内容属于敏感信息，需要另行同意。请同意，或将这些栏目留空。',
    policy: '하늘의원为处理您的咨询',
    sent: '您的咨询已提交。',
    address: '地址',
    hours: '门诊时间',
    map: '在地图上查看详情',
    patient: { name: '王小明', phone: '+86 138 0013 8000', message: '请问费用是多少？' },
  },
};

/** The clinic's own data, which stays as the clinic wrote it (in Korean) in every language. */
const CLINIC = { clinicName: '하늘의원', address: '서울특별시 강남구 테헤란로 123', hours: '평일 10:00–19:00', mapUrl: 'https://map.naver.com/p/entry/place/1' };

/** Every text and attribute value in the dialog, the clinic's data taken out. */
function textsIn(root: ShadowRoot): string[] {
  const clinicData = Object.values(CLINIC);
  const strip = (text: string) => clinicData.reduce((t, data) => t.split(data).join(''), text).trim();
  return [...root.querySelectorAll('*')]
    .flatMap((node) => [...[...node.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent!), ...[...node.attributes].map((a) => a.value)])
    .map(strip)
    .filter(Boolean);
}
const korean = (root: ShadowRoot) => textsIn(root).filter((t) => /\p{Script=Hangul}/u.test(t));

const errorOf = (el: ConsultWidget, name: string) => {
  return fieldError(el, name)?.textContent!.trim();
};

for (const [locale, t] of Object.entries(EXPECTED) as [Locale, Expected][]) {
  describe(`a patient in ${locale}`, () => {
    const mount = async () => {
      const el = await mountWidget({ ...CLINIC, locale });
      await waitUntil(() => button(el, 'cost').textContent!.includes(t.cost), `${locale} buttons`);
      return el;
    };

    it(`sees the buttons in ${locale}, opens the cost form from its button, is told what is missing, and sends it with a number of their own`, async () => {
      const el = await mount();
      expect(button(el, 'consult').textContent).to.contain(t.consult);
      expect(button(el, 'directions').textContent).to.contain(t.directions);
      const dialog = await openByClick(el, 'cost');
      const root = dialog.shadowRoot!;
      expect(root.querySelector('dialog')!.getAttribute('lang'), 'the dialog says its language').to.equal(locale);
      expect(root.querySelector('[part="title"]')!.textContent).to.equal(t.cost);
      expect(submitButton(el).textContent!.trim()).to.equal(t.submit);
      expect(root.querySelector('label[for="field-name"]')!.textContent!.trim()).to.match(new RegExp(`^${t.name}`));
      expect(root.querySelector('label[for="field-phone"]')!.textContent!.trim()).to.match(new RegExp(`^${t.phoneLabel}`));
      expect(root.querySelector('#consent-title')!.textContent).to.equal(t.notice);

      // Validation: what is missing, then a number that is none.
      submitButton(el).click();
      await settle();
      expect(errorOf(el, 'name')).to.equal(t.nameRequired);
      expect(errorOf(el, 'phone')).to.equal(t.phoneRequired);
      await typeInto(el, 'phone', '12345');
      submitButton(el).click();
      await settle();
      expect(errorOf(el, 'phone')).to.contain(t.countryCode);
      // How to write a number from abroad stays under the label while typing, in the patient's language.
      const hint = dialogOf(el).shadowRoot!.getElementById(inDialog(el, '[name="phone"]')!.getAttribute('aria-describedby')!.split(' ')[0])!;
      expect(hint.classList.contains('hint') && hint.textContent).to.contain('+');
      if (locale !== 'ko') expect(hint.textContent).to.not.match(/\p{Script=Hangul}/u);

      // The full policy, generated in the patient's language around the clinic's name.
      root.querySelector<HTMLButtonElement>('[part="policy-toggle"]')!.click();
      await settle();
      expect(root.querySelector('[part="policy"]')!.textContent).to.contain(t.policy);
      if (locale !== 'ko') expect(korean(root), 'no Korean but the clinic’s data').to.deep.equal([]);

      // Fill in, consent, send: success, in the same language.
      const phone = inDialog<HTMLInputElement>(el, '[name="phone"]')!;
      phone.value = '';
      phone.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      for (const [name, value] of Object.entries(t.patient)) await typeInto(el, name, value);
      inDialog<HTMLInputElement>(el, '#consent-privacy')!.click();
      // The message tells of their health: it goes only with the separate consent (PIPA Art. 23).
      submitButton(el).click();
      await settle();
      expect(root.getElementById('consent-sensitive-error')?.textContent?.trim()).to.equal(t.sensitive);
      inDialog<HTMLInputElement>(el, '#consent-sensitive')!.click();
      const success = oneEvent(el, 'consult-success');
      submitButton(el).click();
      const { detail } = await success;
      await settle();
      expect(root.querySelector('.success-title')!.textContent).to.equal(t.sent);
      if (locale !== 'ko') expect(korean(root), 'no Korean on the success message').to.deep.equal([]);
      const stored = (await received()).find((r) => r.inquiry.id === detail.inquiryId)!.inquiry;
      expect(stored.locale).to.equal(locale);
      expect(stored.fields).to.deep.include(t.patient);
    });

    it(`reads the directions panel in ${locale}`, async () => {
      const el = await mount();
      const dialog = await openByClick(el, 'directions');
      const root = dialog.shadowRoot!;
      expect(root.querySelector('dialog')!.getAttribute('lang')).to.equal(locale);
      expect(root.querySelector('[part="title"]')!.textContent).to.equal(t.directions);
      const terms = [...root.querySelectorAll('[part="directions"] dt')].map((dt) => dt.textContent);
      expect(terms).to.include.members([t.address, t.hours]);
      expect(root.querySelector('[part="map-link"]')!.textContent).to.contain(t.map);
      if (locale !== 'ko') expect(korean(root)).to.deep.equal([]);
      await expect(dialog).to.be.accessible();
    });
  });
}

describe('configure({ locale }) right before open()', () => {
  it('gives a fully Japanese dialog, title, fields, notice and buttons alike', async () => {
    const el = await mountWidget(CLINIC);
    expect(button(el, 'cost').textContent).to.contain('비용 문의');
    el.configure({ locale: 'ja' });
    expect(await el.open('cost')).to.be.true;
    const root = dialogOf(el).shadowRoot!;
    await waitUntil(() => root.querySelector('dialog[open] [part="title"]'));
    expect(root.querySelector('dialog')!.getAttribute('lang')).to.equal('ja');
    expect(root.querySelector('[part="title"]')!.textContent).to.equal('費用のお問い合わせ');
    expect(korean(root)).to.deep.equal([]);
    expect(button(el, 'cost').textContent).to.contain('費用のお問い合わせ');
  });
});
