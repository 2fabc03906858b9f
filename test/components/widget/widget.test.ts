import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport, sendKeys } from '@web/test-runner-commands';
import { button, capturingErrors, expectSame, element, hostStyles, mountWidget, deepActive, openByClick, settle } from '../../helpers.js';
import { ConsultWidget } from '../../../src/components/widget/widget.js';

const labels = (el: ConsultWidget) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="button"]')].map((b) => b.getAttribute('part')!.split(' ')[1]);

describe('consult-widget: floating buttons', () => {
  afterEach(async () => {
    await setViewport({ width: 1280, height: 800 });
  });

  it('shows the reference site buttons by default, in order, each a real link or button', async () => {
    const el = await mountWidget({ kakaoUrl: 'https://pf.kakao.com/_abc/chat', blogUrl: 'https://blog.naver.com/clinic', address: '서울시 강남구 1' });
    expect(labels(el)).to.deep.equal(['button-phone', 'button-kakao', 'button-blog', 'button-directions', 'button-cost', 'button-consult']);
    for (const b of el.shadowRoot!.querySelectorAll('[part~="button"]')) expect(['A', 'BUTTON']).to.include(b.tagName);
  });

  it('stops listening to the page once taken out of it (a single-page site swapping its widget keeps none alive)', async () => {
    const el = await mountWidget();
    await el.updateComplete;
    dispatchEvent(new Event('resize'));
    expect(el.isUpdatePending, 'in the page, a resize renders it again').to.be.true;
    await el.updateComplete;
    el.remove();
    dispatchEvent(new Event('resize'));
    expect(el.isUpdatePending, 'out of it, nothing').to.be.false;
  });

  it('calls the main number with a tel: link that shows the number', async () => {
    const el = await mountWidget({ phone: '1833-7488' });
    const phone = button(el, 'phone') as HTMLAnchorElement;
    expect(phone.getAttribute('href')).to.equal('tel:18337488');
    expect(phone.textContent).to.contain('1833-7488');
    expect(phone.textContent).to.contain('전화 상담');
  });

  it('opens the Kakao channel when one is configured, in a new window', async () => {
    const el = await mountWidget({ kakaoUrl: 'https://pf.kakao.com/_abc/chat' });
    const kakao = button(el, 'kakao') as HTMLAnchorElement;
    expect(kakao.tagName).to.equal('A');
    expect(kakao.href).to.equal('https://pf.kakao.com/_abc/chat');
    expect(kakao.target).to.equal('_blank');
    expect(kakao.rel).to.contain('noopener');
  });

  it('opens the KakaoTalk inquiry form when no channel is configured', async () => {
    const el = await mountWidget();
    expect(button(el, 'kakao').tagName).to.equal('BUTTON');
    const dialog = await openByClick(el, 'kakao');
    expect(dialog.shadowRoot!.querySelector('h2')!.textContent).to.contain('카카오톡');
  });

  it('takes the list and order of buttons from configuration, including custom ones', async () => {
    const el = await mountWidget({
      buttons: ['consult', 'phone', { type: 'link', label: '이벤트', url: 'https://clinic.example/event' }, { type: 'form', label: '예약', form: 'cost' }],
    });
    expect(labels(el)).to.deep.equal(['button-consult', 'button-phone', 'button-link-3', 'button-cost']);
    expect(el.shadowRoot!.textContent).to.contain('이벤트');
  });

  it('hides buttons that have nothing to do: no blog URL, no directions, no endpoint for forms', async () => {
    let el!: ConsultWidget;
    const errors = await capturingErrors(async () => {
      el = await fixture<ConsultWidget>(html`<consult-widget phone="1833-7488"></consult-widget>`);
      await waitUntil(() => el.shadowRoot!.querySelector('.root'));
    });
    // no endpoint reports one console error; here only the phone remains
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('"endpoint"');
    expect(labels(el)).to.deep.equal(['button-phone']);
  });

  it('has accessible names and touch targets of at least 44px', async () => {
    const el = await mountWidget({ blogUrl: 'https://blog.naver.com/clinic', mapUrl: 'https://map.naver.com/x' });
    for (const b of el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="button"]')) {
      const rect = b.getBoundingClientRect();
      expect(rect.width, b.getAttribute('part')!).to.be.at.least(44);
      expect(rect.height, b.getAttribute('part')!).to.be.at.least(44);
      expect(b.textContent!.trim()).to.not.equal('');
    }
    await expect(el).to.be.accessible();
  });

  it('sits bottom-right by default and bottom-left with offsets when configured', async () => {
    const el = await mountWidget();
    const root = el.shadowRoot!.querySelector('.root')!.getBoundingClientRect();
    expect(window.innerWidth - root.right).to.be.closeTo(20, 1);
    expect(window.innerHeight - root.bottom).to.be.closeTo(20, 1);
    const left = await mountWidget({ position: 'bottom-left', offsetX: 40, offsetY: 90 });
    const r = left.shadowRoot!.querySelector('.root')!.getBoundingClientRect();
    expect(r.left).to.be.closeTo(40, 1);
    expect(window.innerHeight - r.bottom).to.be.closeTo(90, 1);
  });

  it('takes an empty attribute, as CMS templates write for a blank field, as a setting not given', async () => {
    const errors = await capturingErrors(async () => {
      const el = await mountWidget({ blogUrl: 'https://blog.naver.com/x' }, { 'kakao-url': '', 'blog-url': '', 'offset-x': '' });
      await el.updateComplete;
      expect(button(el, 'kakao').tagName, 'the KakaoTalk form, as without a channel URL').to.equal('BUTTON');
      expect(button(el, 'blog').getAttribute('href'), 'the blog URL from the other layer still applies').to.equal('https://blog.naver.com/x');
    });
    expect(errors).to.deep.equal([]);
  });

  it('reads offset attributes written as numbers only, not as anything Number() accepts', async () => {
    const errors = await capturingErrors(async () => {
      const el = await mountWidget({}, { 'offset-x': '0x10', 'offset-y': ' 60 ' });
      const root = el.shadowRoot!.querySelector('.root')!.getBoundingClientRect();
      expect(window.innerWidth - root.right, '0x10 is refused: the default applies').to.be.closeTo(20, 1);
      expect(window.innerHeight - root.bottom, 'spaces around a number are fine').to.be.closeTo(60, 1);
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('"offsetX" expects a whole number from 0 to 400; got "0x10"');
  });

  it('tells each configuration problem once: configure() later names only what is new', async () => {
    const errors = await capturingErrors(async () => {
      const el = await mountWidget({}, { 'offset-x': '0x10' });
      el.configure({ kakaoUrl: 'javascript:alert(1)' });
      await el.updateComplete;
      el.configure({ locale: 'en' });
      await el.updateComplete;
      el.configure({ kakaoUrl: 'javascript:alert(1)', offsetY: 5000 });
      await el.updateComplete;
    });
    expect(errors).to.have.length(3);
    expect(errors[0]).to.contain('"offsetX"');
    expect(errors[1]).to.contain('"kakaoUrl"').and.not.contain('"offsetX"');
    expect(errors[2]).to.contain('"offsetY"').and.not.contain('"kakaoUrl"').and.not.contain('"offsetX"');
  });

  it('stays above host content with high z-indexes and fixed bars', async () => {
    // The host's own stylesheet, as sites do it: a full-screen fixed layer at the maximum z-index.
    const removeStyles = hostStyles(
      '.host-footer { position: fixed; inset: 0; z-index: 2147483647; background: rgb(0 0 0 / 0.1); }',
      element('div', 'host-footer'),
    );
    try {
      const el = await mountWidget();
      const cost = button(el, 'cost').getBoundingClientRect();
      const hit = document.elementFromPoint(cost.x + cost.width / 2, cost.y + cost.height / 2);
      expectSame(hit, el, 'topmost element');
    } finally {
      removeStyles();
    }
  });

  it('collapses into one launcher on narrow screens that expands and collapses', async () => {
    await setViewport({ width: 360, height: 740 });
    const el = await mountWidget();
    const launcher = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="launcher"]')!;
    const cost = button(el, 'cost');
    expect(launcher.getBoundingClientRect().width).to.be.at.least(44);
    expect(cost.getClientRects().length, 'column hidden').to.equal(0);
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    launcher.focus();
    await sendKeys({ press: 'Enter' });
    await settle();
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    expect(cost.getClientRects().length, 'column shown').to.be.greaterThan(0);
    expect(cost.getBoundingClientRect().bottom, 'the column above the launcher').to.be.at.most(launcher.getBoundingClientRect().top);
    await expect(el).to.be.accessible();
    // Next after the launcher, for Tab and screen readers alike: the column it opened, first button first.
    const order = [...el.shadowRoot!.querySelectorAll('[part="launcher"], [part~="button"]')].map((b) => b.getAttribute('part')!.split(' ').at(-1));
    expect(order[0]).to.equal('launcher');
    await sendKeys({ press: 'Tab' });
    expectSame(deepActive(), el.shadowRoot!.querySelector(`[part~="${order[1]}"]`), 'focus on the first button');
    await sendKeys({ press: 'Escape' });
    await settle();
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    expectSame(deepActive(), launcher, 'focus');
  });

  it('folds the expanded column when Tab takes focus out of it', async () => {
    await setViewport({ width: 360, height: 740 });
    const after = document.createElement('button');
    after.textContent = '페이지의 버튼';
    try {
      const el = await mountWidget({ buttons: ['cost', 'consult'] });
      // The page's next button, after the widget.
      el.after(after);
      const launcher = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="launcher"]')!;
      launcher.focus();
      await sendKeys({ press: 'Enter' });
      await settle();
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      await settle();
      expect(launcher.getAttribute('aria-expanded'), 'still open on its last button').to.equal('true');
      await sendKeys({ press: 'Tab' });
      await settle();
      expect(el.matches(':focus-within'), 'focus left the widget').to.be.false;
      expect(launcher.getAttribute('aria-expanded')).to.equal('false');
      expectSame(deepActive(), after, 'on the page\'s next button');
    } finally {
      after.remove();
    }
  });

  for (const locale of ['ko', 'en', 'ja', 'zh']) {
    it(`keeps every label inside its button on wide screens (${locale}): Japanese and Chinese break between characters`, async () => {
      await setViewport({ width: 1280, height: 800 });
      const el = await mountWidget({ locale, kakaoUrl: 'https://pf.kakao.com/_abc/chat', address: '서울시 강남구 1' });
      await waitUntil(() => el.shadowRoot!.querySelector('.root')?.getAttribute('lang') === locale, 'texts not in');
      for (const label of el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="button"] [part="label"]')) {
        const tile = label.closest('[part~="button"]')!.getBoundingClientRect();
        const box = label.getBoundingClientRect();
        expect(label.scrollWidth, label.textContent!).to.be.at.most(label.clientWidth);
        expect(box.left >= tile.left && box.right <= tile.right, `${label.textContent} inside its button`).to.be.true;
      }
    });
  }

  it('shows every button and no launcher on wide screens', async () => {
    const el = await mountWidget();
    const launcher = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="launcher"]')!;
    expect(launcher.getClientRects().length).to.equal(0);
    expect(button(el, 'cost').getClientRects().length).to.be.greaterThan(0);
  });

  it('takes theme colours as CSS custom properties and exposes parts', async () => {
    const el = await mountWidget({ theme: { brand: 'rgb(200, 0, 0)', radius: '4px' } });
    const consult = button(el, 'consult');
    expect(getComputedStyle(consult).backgroundColor).to.equal('rgb(200, 0, 0)');
    expect(getComputedStyle(consult).borderTopLeftRadius).to.equal('4px');
  });

  it('removes only the theme it set, leaving custom properties the agency put on the element', async () => {
    const el = await mountWidget({ theme: { brand: 'rgb(200, 0, 0)' } });
    el.style.setProperty('--consult-radius', '3px');
    el.config = { endpoint: '/api/inquiry' };
    await el.updateComplete;
    expect(el.style.getPropertyValue('--consult-brand')).to.equal('');
    expect(getComputedStyle(button(el, 'cost')).borderTopLeftRadius).to.equal('3px');
  });
});
