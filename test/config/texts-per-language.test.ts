// A clinic's own texts given per language ({ "ko": …, "en": … }): a foreign patient reads their
// form in their language, the clinic still reads the values it chose, and a wrong one is named.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { button, capturingErrors, dialogOf, inDialog, mountWidget, openByClick, received, settle, submitButton, typeInto } from '../helpers.js';
import type { ConsultWidget } from '../../src/components/widget/widget.js';

const HAIR = {
  locale: 'en',
  launcherLabel: { ko: '문의', en: 'Ask us' },
  clinicName: { ko: '하늘의원', en: 'Haneul Clinic' },
  replyTime: { ko: '오늘 안에 연락드립니다.', en: 'We will call you back today.' },
  buttons: ['phone', { type: 'form', form: 'hair', label: { ko: '모발 상담', en: 'Hair consultation', ja: '毛髪相談' } }],
  forms: [
    {
      id: 'hair',
      title: { ko: '모발이식 상담', en: 'Hair transplant consultation' },
      submitLabel: { ko: '상담 신청', en: 'Ask for a consultation' },
      fields: [
        { name: 'name', kind: 'text', required: true, label: { ko: '성함', en: 'Your name' }, placeholder: { ko: '홍길동', en: 'Jane Doe' } },
        { name: 'phone', kind: 'tel', required: true },
        {
          name: 'area',
          kind: 'select',
          label: { ko: '부위', en: 'Area' },
          options: [
            { value: '정수리', label: { ko: '정수리', en: 'Crown' } },
            { value: '헤어라인', label: { ko: '헤어라인', en: 'Hairline' } },
          ],
        },
      ],
    },
  ],
};

const labelOf = (el: ConsultWidget, name: string) => inDialog(el, `label[for="field-${name}"]`)!.textContent!.trim();

describe('texts per language', () => {
  it('shows an English patient the clinic’s English texts, and sends the clinic the value it chose, not the label', async () => {
    const el = await mountWidget(HAIR);
    await waitUntil(() => button(el, 'hair').textContent!.includes('Hair consultation'), 'the button is not in English');
    const dialog = await openByClick(el, 'hair');
    const root = dialog.shadowRoot!;
    expect(root.querySelector('[part="title"]')!.textContent).to.equal('Hair transplant consultation');
    expect(labelOf(el, 'name')).to.match(/^Your name/);
    expect(inDialog<HTMLInputElement>(el, '[name="name"]')!.placeholder).to.equal('Jane Doe');
    expect(labelOf(el, 'area')).to.match(/^Area/);
    const options = [...root.querySelectorAll<HTMLOptionElement>('select[name="area"] option')].filter((o) => o.value);
    expect(options.map((o) => [o.value, o.textContent!.trim()])).to.deep.equal([
      ['정수리', 'Crown'],
      ['헤어라인', 'Hairline'],
    ]);
    expect(submitButton(el).textContent!.trim()).to.equal('Ask for a consultation');
    expect(root.querySelector('[part="consent"]')!.textContent, 'the notice names the clinic as it is known in English').to.contain('Haneul Clinic');

    await typeInto(el, 'name', 'Jane Doe');
    await typeInto(el, 'phone', '+1 415 555 0100');
    const select = inDialog<HTMLSelectElement>(el, 'select[name="area"]')!;
    select.value = '정수리';
    select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    inDialog<HTMLInputElement>(el, '#consent-privacy')!.click();
    const success = oneEvent(el, 'consult-success');
    submitButton(el).click();
    const { detail } = await success;
    await settle();
    expect(inDialog(el, '[part="reply-time"]')!.textContent).to.contain('We will call you back today.');
    const stored = (await received()).find((r) => r.inquiry.id === detail.inquiryId)!.inquiry;
    expect(stored.fields.area, 'the clinic reads its own value').to.equal('정수리');
    // (The receiver names the preset "name" itself: only the clinic's own field's label is kept.)
    expect({ ...stored.labels }, 'and its own labels, in Korean').to.deep.equal({ area: '부위' });
    expect(stored.formTitle, "and its form's title, in Korean").to.equal('모발이식 상담');
  });

  it('falls back to English, then Korean, where the page’s language is not given; follows a change of language', async () => {
    const el = await mountWidget({ ...HAIR, locale: 'ja' });
    await waitUntil(() => button(el, 'hair').textContent!.includes('毛髪相談'), 'the button is not in Japanese');
    expect(el.shadowRoot!.querySelector('[part="launcher-label"]')!.textContent, 'no Japanese given: English').to.equal('Ask us');
    await openByClick(el, 'hair');
    expect(inDialog(el, '[part="title"]')!.textContent).to.equal('Hair transplant consultation');
    el.configure({ locale: 'ko' });
    await waitUntil(() => inDialog(el, '[part="title"]')!.textContent === '모발이식 상담', 'the title did not follow the language');
    expect(labelOf(el, 'name')).to.match(/^성함/);
    expect(button(el, 'hair').textContent).to.contain('모발 상담');
    el.configure({ buttons: ['phone', { type: 'form', form: 'hair', label: { zh: '毛发咨询' } }] });
    await waitUntil(() => button(el, 'hair').textContent!.includes('毛发咨询'), 'only Chinese given: that one, on any page');
  });

  it('refuses a text whose keys Object.prototype has, and keeps working; a text left with no language is not there', async () => {
    const errors = await capturingErrors(async () => {
      const el = await mountWidget({
        collapseBelow: 4000,
        launcherLabel: JSON.parse('{ "toString": { "toString": 1 } }'),
        clinicName: { ko: '하늘의원', toString: 'x' },
        // "kr" for "ko": refused, and the address left empty is no address (no directions panel without it).
        address: { kr: '서울시 강남구' },
      });
      expect(el.shadowRoot!.querySelector('[part="launcher-label"]')!.textContent).to.equal('상담');
      expect(el.shadowRoot!.querySelector('[part~="button-directions"]'), 'no address, no hours: no panel').to.equal(null);
      await openByClick(el, 'cost');
      inDialog<HTMLButtonElement>(el, '[part="policy-toggle"]')!.click();
      await settle();
      expect(inDialog(el, '[part="policy"]')!.textContent).to.contain('하늘의원은');
    });
    expect(errors).to.have.length(1);
    for (const setting of ['launcherLabel.toString', 'clinicName.toString', 'address.kr']) expect(errors[0]).to.contain(`"${setting}" expects nothing: it is not a language (ko, en, ja, zh)`);
  });

  it('names a text given per language wrongly, and what it expects', async () => {
    const errors = await capturingErrors(async () => {
      const el = await mountWidget({
        launcherLabel: { ko: '문의', fr: 'Contact' },
        forms: [{ id: 'hair', title: { ko: '가'.repeat(101) }, fields: [{ name: 'name', kind: 'text', label: 7 }] }],
      });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="launcher-label"]')!.textContent, 'only the language that is none is left out').to.equal('문의');
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('"launcherLabel.fr" expects nothing: it is not a language (ko, en, ja, zh)');
    expect(errors[0]).to.contain('"forms.0.title.ko" expects text of at most 100 characters');
    expect(errors[0]).to.contain('"forms.0.fields.0.label" expects text of at most 100 characters, or such text per language: { "ko", "en", "ja", "zh" }; got 7');
  });
});

describe('texts per language: mistakes', () => {
  it('leaves out only the language that is wrong, inside a button, a field or an option too, never the entry around it', async () => {
    let el!: ConsultWidget;
    const errors = await capturingErrors(async () => {
      el = await mountWidget({
        locale: 'en',
        buttons: [{ type: 'form', form: 'hair', label: { KO: '이벤트', en: 'Event' } }],
        forms: [
          {
            id: 'hair',
            fields: [
              { name: 'name', kind: 'text', required: true, label: { ko: '성함', es: 'Nombre' }, placeholder: { ja: 123, ko: '홍길동' } },
              { name: 'when', kind: 'radio', options: [{ value: '오전', label: { ko: '오전', fr: 'Matin' } }, '오후'] },
            ],
          },
        ],
      });
      await waitUntil(() => button(el, 'hair').textContent!.includes('Event'), 'the button went with its bad language');
      await openByClick(el, 'hair');
    });
    expect(labelOf(el, 'name'), 'no English given: Korean').to.match(/^성함/);
    expect(inDialog<HTMLInputElement>(el, '[name="name"]')!.placeholder).to.equal('홍길동');
    expect([...dialogOf(el).shadowRoot!.querySelectorAll('input[name="when"]')].map((i) => (i as HTMLInputElement).value)).to.deep.equal(['오전', '오후']);
    expect(errors).to.have.length(1);
    for (const setting of ['buttons.0.label.KO', 'forms.0.fields.0.label.es', 'forms.0.fields.0.placeholder', 'forms.0.fields.1.options.0.label.fr']) expect(errors[0]).to.contain(`"${setting}"`);
  });

  it('takes a blank text for one not given: the next language, or the widget\'s own words', async () => {
    const el = await mountWidget({
      locale: 'ja',
      collapseBelow: 4000,
      launcherLabel: { ko: '문의', ja: '   ' },
      clinicName: '   ',
      forms: [{ id: 'cost', title: { ko: '비용 상담', ja: '' }, submitLabel: '' }],
    });
    await waitUntil(() => el.shadowRoot!.querySelector('[part="launcher-label"]')?.textContent === '문의', 'a blank Japanese label hid the Korean one');
    el.configure({ collapseBelow: 0 });
    await openByClick(el, 'cost');
    expect(inDialog(el, '[part="title"]')!.textContent).to.equal('비용 상담');
    expect(submitButton(el).textContent!.trim(), 'the widget\'s own send label').to.not.equal('');
    inDialog<HTMLButtonElement>(el, '[part="policy-toggle"]')!.click();
    await settle();
    expect(inDialog(el, '[part="policy"]')!.textContent!.trim(), 'the policy names the clinic in words of its own').to.match(/^当院/);
  });
});

describe('texts in another language than the page\'s', () => {
  const langOf = (el: ConsultWidget, selector: string) => inDialog(el, selector)!.getAttribute('lang');

  it('names their language for screen readers: a clinic\'s Korean on an English page, its English on a Japanese one; the widget\'s own texts need none', async () => {
    const event = {
      buttons: [{ type: 'form', form: 'event', id: 'event', label: { ko: '이벤트', en: 'Event' } }],
      forms: [
        {
          id: 'event',
          title: '이벤트 신청',
          fields: [
            { name: 'name', kind: 'text', required: true },
            { name: 'phone', kind: 'tel', required: true },
            { name: 'visit', kind: 'radio', label: '방문 희망', options: ['오전', '오후'] },
            { name: 'area', kind: 'select', label: { ko: '부위', en: 'Area' }, options: ['정수리'] },
            { name: 'email', kind: 'text', label: { ko: '이메일', en: 'Email' } },
          ],
        },
      ],
    };
    const en = await mountWidget({ ...event, locale: 'en' });
    await waitUntil(() => button(en, 'event').textContent!.includes('Event'), 'English buttons');
    await openByClick(en, 'event');
    expect(langOf(en, '[part="title"]')).to.equal('ko');
    expect(inDialog(en, 'fieldset legend span')!.getAttribute('lang'), '방문 희망').to.equal('ko');
    expect([...dialogOf(en).shadowRoot!.querySelectorAll('.choice span')].map((s) => s.getAttribute('lang'))).to.deep.equal(['ko', 'ko']);
    expect(langOf(en, 'select[name="area"] option[value="정수리"]')).to.equal('ko');
    expect(langOf(en, 'label[for="field-area"] span'), 'Area: the page\'s language').to.equal(null);
    expect(langOf(en, 'label[for="field-name"] span'), 'the widget\'s own "Name"').to.equal(null);
    dialogOf(en).close('api');
    en.remove();

    const ja = await mountWidget({ ...event, locale: 'ja' });
    await waitUntil(() => ja.shadowRoot!.querySelector('.root')?.getAttribute('lang') === 'ja', 'Japanese');
    await openByClick(ja, 'event');
    expect(langOf(ja, 'label[for="field-email"] span'), 'Email, the English text it falls back to').to.equal('en');
    expect(langOf(ja, 'label[for="field-name"] span'), 'the widget\'s own お名前').to.equal(null);
  });
});
