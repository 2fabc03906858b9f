import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { dialogOf, fillValid, hostStyles, inDialog, mountWidget, openByClick, received, settle, submitButton, tickBox, uniqueKey } from '../../helpers.js';
import { expectFreshDist } from '../../helpers-dist.js';
import { DIALOG_PARTS } from '../../../src/components/dialog/define-dialog.js';
import type { ConsultWidget } from '../../../src/components/widget/widget.js';
import type { ConfigInput } from '../../../src/config/merge.js';

/** The dialog's part names as README's "Styling" lists them (after "the dialog's parts", before "(so …"). */
async function readmeDialogParts(): Promise<string[]> {
  const readme = await (await fetch('/README.md')).text();
  const styling = readme.slice(readme.indexOf('## Styling'), readme.indexOf('## Languages'));
  const list = styling.slice(styling.indexOf("the dialog's parts"), styling.indexOf('(so `consult-widget::part('));
  const names = [...list.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]);
  expect(names, 'README lists the dialog parts').to.include.members(['dialog', 'submit', 'consent-age', 'map-link']);
  return names;
}

/**
 * Which of `names` style an element of the dialog when page CSS sets them through
 * <consult-widget>, one at a time: every element is looked at, not the part attributes, so
 * this is what an agency's `consult-widget::part(name)` reaches.
 */
function styledParts(el: ConsultWidget, names: readonly string[]): string[] {
  const found: string[] = [];
  const elements = [...dialogOf(el).shadowRoot!.querySelectorAll('*')];
  for (const name of names) {
    const remove = hostStyles(`consult-widget::part(${name}) { outline: 5px solid rgb(255, 0, 1); }`);
    try {
      if (elements.some((e) => getComputedStyle(e).outlineColor === 'rgb(255, 0, 1)')) found.push(name);
    } finally {
      remove();
    }
  }
  return found;
}

describe('review fixes: the dialog parts README documents', () => {
  it('each styles an element from page CSS through consult-widget (consent-age included)', async function () {
    this.timeout(30000);
    const names = await readmeDialogParts();
    const found = new Set<string>();
    const look = (el: ConsultWidget) => styledParts(el, names).forEach((n) => found.add(n));
    // Every part on: the age box, the marketing box and a sensitive field; the KakaoTalk form
    // (its intro), errors, a failed send (alert), a sent one (success), then the directions.
    const el = await mountWidget({
      endpoint: `/test/flaky?key=${uniqueKey()}`,
      retries: 1,
      ageConfirmation: true,
      marketingConsent: true,
      address: '서울특별시 강남구 테헤란로 123',
      mapUrl: 'https://map.naver.com/p/entry/place/1234',
      forms: [{ id: 'kakao', fields: [{ name: 'name', kind: 'text', required: true }, { name: 'phone', kind: 'tel', required: true }, { name: 'message', kind: 'textarea', sensitive: true }] }],
    });
    await openByClick(el, 'kakao');
    submitButton(el).click();
    await settle();
    look(el);
    await fillValid(el);
    await tickBox(el, 'consent-age14');
    const failed = oneEvent(el, 'consult-error');
    submitButton(el).click();
    await failed;
    await settle();
    look(el);
    const sent = oneEvent(el, 'consult-success');
    submitButton(el).click();
    await sent;
    await settle();
    look(el);
    el.close();
    await openByClick(el, 'directions');
    look(el);
    expect(names.filter((n) => !found.has(n)), 'parts README lists that page CSS cannot reach').to.deep.equal([]);
  });

  it('are the parts <consult-widget> exports, and those custom-elements.json lists for both elements', async () => {
    const names = (await readmeDialogParts()).sort();
    expect(DIALOG_PARTS.split(', ').sort(), "define-dialog.ts's DIALOG_PARTS").to.deep.equal(names);
    // The manifest is written from the @csspart JSDoc by `npm run build`.
    await expectFreshDist();
    const manifest = await (await fetch('/custom-elements.json')).json();
    const declarations = manifest.modules.flatMap((m: { declarations?: unknown[] }) => m.declarations ?? []) as Array<{
      tagName?: string;
      cssParts?: Array<{ name: string; description: string }>;
    }>;
    const dialog = declarations.find((d) => d.tagName === 'consult-dialog')!;
    expect(dialog.cssParts!.map((p) => p.name).sort(), 'consult-dialog @csspart').to.deep.equal(names);
    const widget = declarations.find((d) => d.tagName === 'consult-widget')!;
    const exported = widget.cssParts!.find((p) => p.name === 'dialog')!.description;
    const listed = exported.slice(exported.indexOf(':') + 1).match(/[a-z0-9-]+/g)!.filter((w) => w !== 'and');
    expect(listed.sort(), "consult-widget's @csspart dialog").to.deep.equal(names);
  });
});

describe('review fixes: the retention period as each language writes it', () => {
  const cases = [
    ['ja', 12, 'お問い合わせ日から1年'],
    ['ja', 6, 'お問い合わせ日から6か月'],
    ['zh', 36, '自咨询之日起3年'],
    ['ko', 12, '문의일로부터 1년'],
  ] as const;
  for (const [locale, months, expected] of cases) {
    it(`${locale}, ${months} months: "${expected}", with no space between a number and its counter anywhere`, async () => {
      const el = await mountWidget({ locale, marketingConsent: true, policy: { retentionMonths: months } });
      await openByClick(el, 'cost');
      const notice = inDialog(el, '#consent-privacy')!.closest('section')!.querySelector('dl')!;
      expect(notice.innerText, 'the notice above the send button').to.contain(expected);
      // The full policy and the marketing notice say the period too.
      inDialog<HTMLButtonElement>(el, '[part="policy-toggle"]')!.click();
      inDialog<HTMLButtonElement>(el, '[part="marketing-toggle"]')!.click();
      await settle();
      const shown = inDialog(el, '.body')!.innerText;
      expect(shown.match(/\d\s+(年|か月|个月|년|개월)/g)).to.equal(null);
    });
  }
});

/** README's event form: a radio and a checkbox with the clinic's own labels. */
const EVENT = {
  buttons: [{ type: 'form', label: '이벤트 신청', form: 'event', id: 'event' }],
  forms: [
    {
      id: 'event',
      title: '이벤트 신청',
      fields: [
        { name: 'name', kind: 'text', required: true, maxLength: 30 },
        { name: 'phone', kind: 'tel', required: true },
        { name: 'visit', kind: 'radio', label: '방문 희망', options: ['오전', '오후'] },
        { name: 'firstVisit', kind: 'checkbox', label: '처음 방문합니다' },
      ],
    },
  ],
} satisfies ConfigInput;

const privacyNotice = (el: ConsultWidget) => inDialog(el, '#consent-privacy')!.closest('section')!.querySelector('dl')!.innerText;

describe('review fixes: the notice names every item collected, a checkbox too (PIPA Art. 15(2))', () => {
  it('names the checkbox field by its label, in the notice and the full policy, and every field the payload carries', async () => {
    const el = await mountWidget(EVENT);
    await openByClick(el, 'event');
    const notice = privacyNotice(el);
    // In the notice, the page data sent with it closes the list.
    expect(notice).to.contain('이름, 연락처, 방문 희망, ‘처음 방문합니다’ 체크 여부 및 자동으로 기록되는 접속 정보');
    inDialog<HTMLButtonElement>(el, '[part="policy-toggle"]')!.click();
    await settle();
    expect(inDialog(el, '[part="policy"]')!.innerText).to.contain('1. 수집 항목: 이름, 연락처, 방문 희망 및 ‘처음 방문합니다’ 체크 여부.');
    await fillValid(el, { name: '홍길동', phone: '010-1234-5678' });
    inDialog<HTMLInputElement>(el, '[name="firstVisit"]')!.focus();
    await sendKeys({ press: 'Space' });
    const sent = oneEvent(el, 'consult-success');
    submitButton(el).click();
    const { detail } = await sent;
    const { fields } = (await received()).find((r) => r.inquiry.id === detail.inquiryId)!.inquiry;
    expect(fields.firstVisit).to.equal(true);
    const labels: Record<string, string> = { name: '이름', phone: '연락처', visit: '방문 희망', firstVisit: '처음 방문합니다' };
    for (const name of Object.keys(fields)) expect(notice, `the notice names ${name}, which was sent`).to.contain(labels[name]);
  });

  const wording = [
    ['en', 'name, phone number, 방문 희망, whether you ticked “처음 방문합니다”, and page data recorded automatically'],
    ['ja', 'お名前、電話番号、방문 희망、「처음 방문합니다」のチェックの有無、自動的に記録される接続情報'],
    ['zh', '姓名、联系电话、방문 희망、是否勾选“처음 방문합니다”和自动记录的访问信息'],
  ] as const;
  for (const [locale, items] of wording) {
    it(`names it in ${locale} too`, async () => {
      const el = await mountWidget({ ...EVENT, locale });
      await openByClick(el, 'event');
      expect(privacyNotice(el)).to.contain(items);
    });
  }
});

type Layer = Array<Record<string, unknown>>;
const win = window as unknown as { dataLayer?: Layer };

/**
 * Clicks a link in the dialog (its navigation held back) and answers the consult-contact details
 * document heard: the event is sent in the click, so they are all in when click() returns.
 */
function follow(link: HTMLElement | null): unknown[] {
  expect(link, 'the link is there').to.exist;
  const heard: unknown[] = [];
  const hear = (e: CustomEvent) => heard.push(e.detail);
  document.addEventListener('consult-contact', hear);
  link!.addEventListener('click', (e) => e.preventDefault(), { once: true });
  link!.click();
  document.removeEventListener('consult-contact', hear);
  return heard;
}

const contacts = () => win.dataLayer!.filter((e) => e.event === 'consult_contact');

describe('review fixes: following a link in the dialog is contact (consult-contact, consult_contact)', () => {
  afterEach(() => {
    delete win.dataLayer;
  });

  it('the directions panel: the map link sends method "directions", its phone link "phone"', async () => {
    win.dataLayer = [];
    const el = await mountWidget({ address: '서울특별시 강남구 테헤란로 123', mapUrl: 'https://map.naver.com/p/entry/place/1234' });
    await openByClick(el, 'directions');
    expect(follow(inDialog(el, '[part="map-link"]'))).to.deep.equal([{ method: 'directions' }]);
    expect(follow(inDialog(el, '.directions a[href^="tel:"]'))).to.deep.equal([{ method: 'phone' }]);
    expect(contacts()).to.deep.equal([
      { event: 'consult_contact', method: 'directions' },
      { event: 'consult_contact', method: 'phone' },
    ]);
  });

  it('the phone links for a patient under 14, in the failure notice and in the success message send method "phone", never what was typed', async () => {
    win.dataLayer = [];
    const el = await mountWidget({ endpoint: `/test/flaky?key=${uniqueKey()}`, retries: 1, ageConfirmation: true });
    await openByClick(el, 'cost');
    await fillValid(el);
    submitButton(el).click();
    await settle();
    expect(follow(inDialog(el, '#consent-age14-error a'))).to.deep.equal([{ method: 'phone' }]);
    await tickBox(el, 'consent-age14');
    const failed = oneEvent(el, 'consult-error');
    submitButton(el).click();
    await failed;
    await settle();
    expect(follow(inDialog(el, '[part="alert"] a[href^="tel:"]'))).to.deep.equal([{ method: 'phone' }]);
    const sent = oneEvent(el, 'consult-success');
    submitButton(el).click();
    await sent;
    await settle();
    expect(follow(inDialog(el, '[part="success-phone"]'))).to.deep.equal([{ method: 'phone' }]);
    expect(contacts()).to.deep.equal(Array(3).fill({ event: 'consult_contact', method: 'phone' }));
    expect(JSON.stringify(win.dataLayer)).to.not.contain('홍길동').and.not.contain('010-1234-5678');
  });
});
