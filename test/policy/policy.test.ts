// The full policy behind "see the full policy", fetched from policy.url: what a clinic's real
// pages give (client-rendered shells, pages wrapped in <form>, sidebars), races, reconfiguring.
import { expect, waitUntil } from '@open-wc/testing';
import { inDialog, mountWidget, openByClick, settle } from '../helpers.js';
import type { ConsultWidget } from '../../src/components/widget/widget.js';

const page = (html: string, delay = 0) => `/test/page?${delay ? `delay=${delay}&` : ''}html=${encodeURIComponent(html)}`;
const POLICY = '<h2>개인정보처리방침</h2><p>하늘의원은 상담 문의에 필요한 최소한의 개인정보만 수집합니다.</p>';

async function expand(el: ConsultWidget): Promise<HTMLElement> {
  await openByClick(el, 'cost');
  inDialog<HTMLButtonElement>(el, '[part="policy-toggle"]')!.click();
  return inDialog<HTMLElement>(el, '#policy')!;
}

describe('policy from a URL', () => {
  it('offers a link that opens the page when nothing usable comes out (a client-rendered page)', async () => {
    const url = page('<!doctype html><html><body><div id="app"></div><script src="/app.js"></script></body></html>');
    const region = await expand(await mountWidget({ policy: { url } }));
    await waitUntil(() => region.querySelector('a'), 'no link');
    const link = region.querySelector('a')!;
    // A path, against the page's address (not a <base> the page's markup may hold).
    expect(link.getAttribute('href')).to.equal(new URL(url, location.href).href);
    expect(link.target).to.equal('_blank');
  });

  it('reads a page wrapped in <form>, as some site builders make them', async () => {
    const url = page(`<!doctype html><html><body><form action="/post">${POLICY}<input name="q"><button>검색</button></form></body></html>`);
    const region = await expand(await mountWidget({ policy: { url } }));
    await waitUntil(() => region.querySelector('h2'), 'policy not shown');
    expect(region.textContent).to.contain('최소한의 개인정보');
    expect(region.querySelector('input, button, form') === null).to.be.true;
  });

  it('takes the content, not an <article> in a sidebar before it', async () => {
    const url = page(`<!doctype html><html><body><aside><article><h3>최근 글</h3><p>이벤트 안내 게시물입니다.</p></article></aside><div class="content">${POLICY}</div></body></html>`);
    const region = await expand(await mountWidget({ policy: { url } }));
    await waitUntil(() => region.querySelector('h2'), 'policy not shown');
    expect(region.textContent).to.not.contain('최근 글');
  });

  it('never fills in a policy with what was fetched for another URL', async () => {
    const slow = page('<main><h2>예전 방침</h2><p>이 내용은 다른 주소에서 늦게 도착한 방침입니다.</p></main>', 800);
    const fast = page(`<main>${POLICY}</main>`);
    const el = await mountWidget({ policy: { url: slow } });
    const region = await expand(el);
    await settle();
    el.configure({ policy: { url: fast } });
    await waitUntil(() => region.querySelector('h2')?.textContent === '개인정보처리방침', 'new policy not shown');
    // Until the first, slow fetch has come back too.
    const slowUrl = new URL(slow, location.href).href;
    await waitUntil(() => performance.getEntriesByName(slowUrl).length > 0, 'the slow fetch never finished', { timeout: 5000 });
    await settle();
    expect(region.textContent).to.not.contain('예전 방침');
    expect(region.textContent).to.contain('최소한의 개인정보');
  });

  it('keeps the open policy when configure() changes something else', async () => {
    const el = await mountWidget({ policy: { url: page(`<main>${POLICY}</main>`) } });
    const region = await expand(el);
    await waitUntil(() => region.querySelector('h2'), 'policy not shown');
    el.configure({ phone: '02-123-4567' });
    await el.updateComplete;
    await settle();
    expect(region.hidden).to.be.false;
    expect(region.querySelector('h2')?.textContent).to.equal('개인정보처리방침');
  });
});

describe('what the toggle calls it', () => {
  const toggleText = (el: ConsultWidget) => inDialog(el, '[part="policy-toggle"]')!.textContent!.trim();
  const regionName = (el: ConsultWidget) => inDialog(el, '#policy')!.getAttribute('aria-label');

  it('names the widget\'s own notice what it is, the notice on collection and use (Art. 15), not a privacy policy (Art. 30)', async () => {
    const el = await mountWidget({});
    await expand(el);
    await settle();
    expect(toggleText(el)).to.equal('개인정보 수집·이용 안내 접기');
    expect(regionName(el)).to.equal('개인정보 수집·이용 안내 전문');
    inDialog<HTMLButtonElement>(el, '[part="policy-toggle"]')!.click();
    await settle();
    expect(toggleText(el)).to.equal('개인정보 수집·이용 안내 전문 보기');
  });

  for (const [how, policy] of [
    ['its text', { text: '하늘의원 개인정보 처리방침 전문' }],
    ['its page', { url: page(`<!doctype html><html><body>${POLICY}</body></html>`) }],
  ] as const) {
    it(`names a clinic's own policy (${how}) its privacy policy`, async () => {
      const el = await mountWidget({ policy });
      await openByClick(el, 'cost');
      expect(toggleText(el)).to.equal('개인정보 처리방침 전문 보기');
      expect(regionName(el)).to.equal('개인정보 처리방침');
    });
  }
});
