// The built script on pages whose markup is partly written by others (a review board that
// allows HTML), under strict CSP and Trusted Types, and with inquiries waiting between pages.
import { expect, waitUntil } from '@open-wc/testing';
import { attempts, uniqueKey } from '../helpers.js';
import { cspReportsSoFar, fillAndSend, idleTaskDone, loadHtml, mounted, openForm, widgetOf, type Frame } from './frames.js';
import { outbox } from '../../src/delivery/outbox.js';
import { expectFreshDist } from '../helpers-dist.js';

// These tests load dist/: it must be built from the current sources.
before(expectFreshDist);

const buttonHref = (f: Frame, id: string) => widgetOf(f).shadowRoot!.querySelector(`[part~="button-${id}"]`)?.getAttribute('href');

describe('page markup cannot take the widget over', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('reads settings only from <script type="application/json" id="consult-widget-config">, warning once about another element with that id', async () => {
    const f = await loadHtml(`<!doctype html><html><body>
      <div class="review"><div id="consult-widget-config">{ "endpoint": "https://evil.example/steal", "blogUrl": "https://evil.example/blog" }</div></div>
      <script type="application/json" id="consult-widget-config">{ "blogUrl": "https://blog.example/clinic" }</script>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry"></script></body></html>`);
    await mounted(f);
    expect(buttonHref(f, 'blog')).to.equal('https://blog.example/clinic');
    expect(f.win.consoleWarnings.filter((w) => w.includes('consult-widget-config'))).to.have.length(1);
    expect(f.win.consoleErrors).to.deep.equal([]);
    const alone = await loadHtml(`<!doctype html><html><body>
      <p id="consult-widget-config">{ "blogUrl": "https://evil.example/blog" }</p>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry"></script></body></html>`);
    await mounted(alone);
    expect(buttonHref(alone, 'blog') ?? null).to.equal(null);
    expect(alone.win.consoleWarnings.filter((w) => w.includes('consult-widget-config'))).to.have.length(1);
  });

  it('ignores a <consult-widget> in the page unless the script tag adopts it', async () => {
    const key = uniqueKey();
    const f = await loadHtml(`<!doctype html><html><body>
      <div class="review"><consult-widget endpoint="/test/ok?key=${key}-evil" phone="010-0000-0000"></consult-widget></div>
      <script src="/dist/consult-widget.js" data-endpoint="/test/ok?key=${key}" data-phone="1833-7488"></script></body></html>`);
    const ours = () => f.doc.documentElement.lastElementChild;
    await mounted(f, ours);
    const [planted, mine] = f.doc.querySelectorAll('consult-widget');
    expect(mine === ours() && f.win.ConsultWidget!.element === mine, 'a widget of its own, at the end of the page').to.be.true;
    // Both were upgraded together; ours has rendered, so the planted one would have too.
    expect(planted.shadowRoot?.childElementCount ?? 0, 'the planted one stays empty').to.equal(0);
    fillAndSend(await openForm(f, mine));
    await waitUntil(async () => (await attempts(key)).length === 1, 'not sent to the configured endpoint', { timeout: 5000 });
    expect(await attempts(`${key}-evil`)).to.deep.equal([]);
  });

  it('adopts the <consult-widget> named by data-adopt, and the script tag’s settings win over its attributes', async () => {
    const f = await loadHtml(`<!doctype html><html><body>
      <consult-widget id="clinic" endpoint="https://evil.example/steal" phone="02-123-4567"></consult-widget>
      <script src="/dist/consult-widget.js" data-adopt="clinic" data-endpoint="/api/inquiry"></script></body></html>`);
    await mounted(f);
    const els = f.doc.querySelectorAll('consult-widget');
    expect(els).to.have.length(1);
    expect(els[0].getAttribute('endpoint')).to.equal('/api/inquiry');
    expect(buttonHref(f, 'phone'), 'its own attributes still count').to.equal('tel:021234567');
  });

  it('starts even when page elements clobber window.ConsultWidget and document.currentScript', async () => {
    const f = await loadHtml(`<!doctype html><html><body>
      <form id="ConsultWidget"><input name="__consultWidget" value="1"><input name="open"></form>
      <img name="currentScript" src="/test/evil/pixel.gif" alt="">
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry" data-phone="1833-7488"></script></body></html>`);
    await mounted(f);
    expect(await f.win.ConsultWidget!.open('cost')).to.be.true;
    const loaded = f.win.performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname);
    expect(loaded.filter((p) => p.startsWith('/test/evil/') && p.endsWith('.js'))).to.deep.equal([]);
    expect(f.win.pageErrors).to.deep.equal([]);
  });

  it('with data-mount="none", only the <consult-widget> named by data-adopt works: one in a review neither renders nor takes open()', async () => {
    const key = uniqueKey();
    const page = `<!doctype html><html><body>
      <div class="review">친절해요 <consult-widget endpoint="/test/ok?key=${key}-evil" phone="010-0000-0000"></consult-widget></div>
      <footer><consult-widget id="clinic" endpoint="/test/ok?key=${key}" phone="1833-7488"></consult-widget></footer>
      <script src="/dist/consult-widget.js" data-mount="none" data-adopt="clinic"></script></body></html>`;
    const f = await loadHtml(page);
    const [planted, mine] = f.doc.querySelectorAll('consult-widget');
    await mounted(f, () => mine);
    expect(planted.shadowRoot?.childElementCount ?? 0, 'the planted one stays empty').to.equal(0);
    fillAndSend(await openForm(f, mine));
    await waitUntil(async () => (await attempts(key)).length === 1, 'not sent to the page’s own endpoint', { timeout: 5000 });
    expect(await attempts(`${key}-evil`)).to.deep.equal([]);

    // A review loaded later that repeats the id takes nothing from the element already working.
    f.doc.querySelector('.review')!.insertAdjacentHTML('beforeend', `<consult-widget id="clinic" endpoint="/test/ok?key=${key}-evil"></consult-widget>`);
    const late = f.doc.querySelectorAll('consult-widget')[1];
    f.win.ConsultWidget!.configure({ blogUrl: 'https://blog.example/clinic' });
    await waitUntil(() => mine.shadowRoot!.querySelector('[part~="button-blog"]'), 'the page’s own element stopped working');
    expect(late.shadowRoot?.childElementCount ?? 0, 'the late copy stays empty').to.equal(0);
    expect(await f.win.ConsultWidget!.open('consult')).to.be.true;
    expect(mine.shadowRoot!.querySelector('consult-dialog'), 'opened in the page’s own').to.exist;
  });

  it('sends an inquiry from a page whose markup shadows document.referrer and document.title (DOM clobbering)', async () => {
    const key = uniqueKey();
    const f = await loadHtml(`<!doctype html><html><head><title>하늘의원 상담</title></head><body>
      <div class="review"><img name="referrer" src="/test/none.gif" alt=""><img name="title" src="/test/none.gif" alt=""></div>
      <script src="/dist/consult-widget.js" data-endpoint="/test/ok?key=${key}"></script></body></html>`);
    await mounted(f);
    fillAndSend(await openForm(f, widgetOf(f)));
    await waitUntil(async () => (await attempts(key)).length === 1, 'not sent', { timeout: 5000 });
    const [{ body }] = await attempts(key);
    expect(body.page.title).to.equal('하늘의원 상담');
    expect(f.win.pageErrors).to.deep.equal([]);
  });

  it('renders no link a polluted Object.prototype supplies: settings left out stay left out', async () => {
    const f = await loadHtml(`<!doctype html><html><body>
      <script>
        // A page's deep merge of data from the URL (no code of its own runs) polluting every object.
        Object.prototype.kakaoUrl = 'javascript:alert(1)';
        Object.prototype.buttons = [{ type: 'link', label: '무료 상담', url: 'javascript:alert(2)' }];
        Object.prototype.policy = { url: 'https://evil.example/privacy' };
      </script>
      <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry" data-phone="1833-7488"></script></body></html>`);
    await mounted(f);
    const hrefs = [...widgetOf(f).shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs.filter((h) => /^javascript:/i.test(h ?? ''))).to.deep.equal([]);
    expect(widgetOf(f).shadowRoot!.querySelector('[part~="button-kakao"]')?.tagName, 'the KakaoTalk button opens its form, as without kakaoUrl').to.equal('BUTTON');
    expect(widgetOf(f).shadowRoot!.querySelector('[part~="button-cost"]'), 'the default buttons').to.exist;
  });

  it('takes paths against the page’s address, not a <base> in a review: the privacy notice and links stay on the site', async () => {
    const other = `${location.protocol}//${location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}`;
    const notice = encodeURIComponent('<main><h2>개인정보 처리방침</h2><p>상담 문의에 필요한 최소한의 개인정보만 수집합니다.</p></main>');
    const f = await loadHtml(`<!doctype html><html><body>
      <div class="review"><base href="${other}/elsewhere/"></div>
      <script type="application/json" id="consult-widget-config">{ "policy": { "url": "/test/page?html=${notice}" }, "blogUrl": "/blog" }</script>
      <script src="${location.origin}/dist/consult-widget.js" data-endpoint="/api/inquiry"></script></body></html>`);
    await mounted(f);
    expect(widgetOf(f).shadowRoot!.querySelector<HTMLAnchorElement>('[part~="button-blog"]')!.href).to.equal(`${location.origin}/blog`);
    const root = await openForm(f, widgetOf(f));
    root.querySelector<HTMLButtonElement>('[part="policy-toggle"]')!.click();
    await waitUntil(() => root.querySelector('#policy')?.textContent?.includes('최소한의 개인정보'), 'the notice was not shown', { timeout: 5000 });
    const fetchedFrom = f.win.performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/test/page?html=%3Cmain'));
    expect(fetchedFrom.map((n) => new URL(n).origin)).to.deep.equal([location.origin]);
  });

  it('starts under an <iframe name="ConsultWidget"> of another origin, loaded before the script runs', async () => {
    const other = `${location.protocol}//${location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}`;
    const f = await loadHtml(`<!doctype html><html><body>
      <iframe name="ConsultWidget" src="${other}/test/page?html=x"></iframe><iframe name="dataLayer" src="${other}/test/page?html=y"></iframe>
      <script>
        // As a tag manager adds it: after the frames have loaded.
        addEventListener('load', () => {
          const s = document.createElement('script');
          s.src = '/dist/consult-widget.js';
          s.dataset.endpoint = '/api/inquiry';
          s.dataset.phone = '1833-7488';
          document.body.append(s);
        });
      </script></body></html>`);
    await mounted(f);
    // A contact button's event goes to the page's dataLayer, here a window of another origin (the call itself is not placed).
    f.doc.addEventListener('click', (e) => e.preventDefault(), true);
    widgetOf(f).shadowRoot!.querySelector<HTMLAnchorElement>('[part~="button-phone"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
    expect(await f.win.ConsultWidget!.open('cost')).to.be.true;
    expect(f.win.pageErrors).to.deep.equal([]);
  });

  it('refuses paths a browser would take to another host, for the endpoint and every link', async () => {
    const f = await loadHtml(`<!doctype html><html><body>
      <script type="application/json" id="consult-widget-config">{ "kakaoUrl": "/\\\\evil.example/chat", "mapUrl": "/\\t/evil.example/map", "policy": { "url": "/\\\\/evil.example/privacy" } }</script>
      <script src="/dist/consult-widget.js" data-endpoint="/\\evil.example/api" data-blog-url="/\\/evil.example" data-phone="1833-7488"></script></body></html>`);
    await mounted(f);
    const errors = f.win.consoleErrors.join('\n');
    for (const setting of ['endpoint', 'kakaoUrl', 'blogUrl', 'mapUrl', 'policy.url']) expect(errors, setting).to.contain(`"${setting}"`);
    const hrefs = [...widgetOf(f).shadowRoot!.querySelectorAll('a')].map((a) => a.href);
    expect(hrefs.filter((h) => h.includes('evil.example'))).to.deep.equal([]);
    expect(widgetOf(f).shadowRoot!.querySelector('[part~="button-cost"]') === null, 'no form without a safe endpoint').to.be.true;
  });
});

describe('the policy under strict CSP and Trusted Types', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));
  const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'";

  for (const [what, policy] of [
    ['configured HTML', { html: '<h2 style="color:red">개인정보처리방침</h2><p style="display:none" onclick="x()">스타일이 달린 문단입니다.</p>' }],
    ['a fetched page', { url: '/test/fixtures/policy.html' }],
  ] as const) {
    it(`shows ${what} with style attributes, and the page gets no CSP report`, async () => {
      const f = await loadHtml(
        `<!doctype html><html><head><script src="/test/fixtures/csp-watch.js"></script></head><body>
        <script type="application/json" id="consult-widget-config">${JSON.stringify({ policy })}</script>
        <script src="/dist/consult-widget.js" data-endpoint="/api/inquiry"></script></body></html>`,
        { csp: CSP },
      );
      await mounted(f);
      const root = await openForm(f, widgetOf(f));
      root.querySelector<HTMLButtonElement>('[part="policy-toggle"]')!.click();
      await waitUntil(() => root.querySelector('#policy h2'), 'policy not shown', { timeout: 5000 });
      expect(root.querySelector('#policy')!.textContent).to.contain('개인정보처리방침');
      expect(root.querySelector('#policy [style]') === null).to.be.true;
      expect(await cspReportsSoFar(f)).to.deep.equal([]);
      expect(f.win.pageErrors).to.deep.equal([]);
    });
  }
});

describe('the outbox across page loads', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  const pageWith = (endpoint: string, body = '<p>진료 안내</p>') => `<!doctype html><html><body>${body}
    <script type="application/json" id="consult-widget-config">{ "retries": 1 }</script>
    <script src="/dist/consult-widget.js" data-endpoint="${endpoint}"></script></body></html>`;

  for (const [what, next] of [
    ['a reload of the same page', (endpoint: string) => pageWith(endpoint)],
    ['another page of the site', () => pageWith('/api/inquiry', '<h1>오시는 길</h1>')],
  ] as const) {
    it(`sends a saved inquiry, under its original id, on ${what}`, async () => {
      const key = uniqueKey();
      const endpoint = `/test/drop?key=${key}&fails=1`;
      const first = await loadHtml(pageWith(endpoint));
      await mounted(first);
      const queued = new Promise<string>((resolve) => first.doc.addEventListener('consult-queued', (e) => resolve((e as CustomEvent).detail.inquiryId)));
      fillAndSend(await openForm(first, widgetOf(first)));
      const id = await queued;
      expect((await outbox.items()).map((i) => i.id)).to.deep.equal([id]);
      const again = await loadHtml(next(endpoint), { frame: first.frame });
      await mounted(again);
      await waitUntil(async () => (await attempts(key)).length === 2, 'not sent on the next page load', { timeout: 5000 });
      expect((await attempts(key)).map((a) => a.idempotencyKey)).to.deep.equal([id, id]);
      await waitUntil(async () => (await outbox.items()).length === 0, 'still waiting', { timeout: 3000 });
      expect(again.win.pageErrors).to.deep.equal([]);
    });
  }
});

describe('the outbox across tabs', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  // The page counts successes from its first script on: a tab's flush may announce one before a
  // test could add a listener of its own after the widget mounted.
  const page = (endpoint: string) => `<!doctype html><html><body><p>진료 안내</p>
    <script>window.successes = []; document.addEventListener('consult-success', (e) => successes.push(e.detail.inquiryId));</script>
    <script type="application/json" id="consult-widget-config">{ "retries": 1 }</script>
    <script src="/dist/consult-widget.js" data-endpoint="${endpoint}"></script></body></html>`;
  /** A tab of the site: an iframe of the same origin, with its own script, sharing storage, locks and channels. */
  const tab = async (endpoint: string) => {
    const f = await loadHtml(page(endpoint), { frame: document.createElement('iframe') });
    await mounted(f);
    return { f, successes: (f.win as unknown as { successes: string[] }).successes };
  };
  const statusText = (f: Frame) => widgetOf(f).shadowRoot!.querySelector('consult-dialog')?.shadowRoot?.querySelector('[role="status"]')?.textContent ?? '';
  /** A tab whose patient sent an inquiry that was saved to be sent later. */
  const queuedIn = async (endpoint: string) => {
    const typed = await tab(endpoint);
    const queued = new Promise<string>((resolve) => typed.f.doc.addEventListener('consult-queued', (e) => resolve((e as CustomEvent).detail.inquiryId)));
    fillAndSend(await openForm(typed.f, widgetOf(typed.f)));
    return { typed, id: await queued };
  };
  /** Resolves on the next news of a flush, which a tab posts after announcing what it had to. */
  const nextNews = () =>
    new Promise<void>((resolve, reject) => {
      const channel = new BroadcastChannel('consult-widget-outbox');
      const timer = setTimeout(() => reject(new Error('no tab told the others what its flush sent')), 6000);
      channel.onmessage = () => {
        clearTimeout(timer);
        channel.close();
        resolve();
      };
    });

  it('a tab that sends another tab\'s saved inquiry leaves telling of it to that tab: its patient reads "sent", and the page counts one success', async () => {
    const key = uniqueKey();
    const endpoint = `/test/drop?key=${key}&fails=1`;
    const { typed, id } = await queuedIn(endpoint);
    // This tab's own tries stop here (its phone lost the connection); another tab of the site is opened.
    Object.defineProperty(typed.f.win.navigator, 'onLine', { configurable: true, get: () => false });
    const news = nextNews();
    const other = await tab(endpoint);
    await news;
    expect((await attempts(key)).map((a) => a.idempotencyKey)).to.deep.equal([id, id]);
    await waitUntil(() => statusText(typed.f).includes('접수되었습니다'), 'the tab it was typed in still says it waits', { timeout: 3000 });
    expect(typed.successes).to.deep.equal([id]);
    expect(other.successes, 'announced once, by the tab whose patient sent it').to.deep.equal([]);
    expect(await outbox.items()).to.deep.equal([]);
  });

  it('an inquiry still being tried in one tab is left to it by another tab\'s page load: sent once, one success', async function () {
    this.timeout(15_000);
    const key = uniqueKey();
    const endpoint = `/test/ok?key=${key}&delay=3000`;
    const typed = await tab(endpoint);
    fillAndSend(await openForm(typed.f, widgetOf(typed.f)));
    await waitUntil(async () => (await attempts(key)).length === 1, 'not sent', { timeout: 3000 });
    const other = await tab(endpoint);
    // The other tab's page-load flush has run once the outbox is ours after it.
    await idleTaskDone(other.f);
    await navigator.locks.request('consult-widget-outbox', async () => undefined);
    await waitUntil(() => typed.successes.length > 0, 'no success where it was typed', { timeout: 5000 });
    expect((await attempts(key)).length, 'sent once').to.equal(1);
    expect(typed.successes).to.have.length(1);
    expect(other.successes).to.deep.equal([]);
  });

  it('an inquiry no tab waits on any more is announced by the tab that sends it', async () => {
    const key = uniqueKey();
    const endpoint = `/test/drop?key=${key}&fails=1`;
    const { typed, id } = await queuedIn(endpoint);
    // The patient closes that tab; its mark on the inquiry comes down with it (when the browser is
    // done with the tab, which is not at once).
    typed.f.frame.remove();
    const held = async () => ((await navigator.locks.query()).held ?? []).some((lock) => lock.name?.endsWith(id));
    await waitUntil(async () => !(await held()), 'the closed tab still waits on it', { timeout: 5000 });
    const news = nextNews();
    const other = await tab(endpoint);
    await news;
    expect(other.successes).to.deep.equal([id]);
  });
});

describe('a draft across reloads', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  const page = (endpoint = '/api/inquiry') => `<!doctype html><html><body><p>진료 안내</p>
    <script src="/dist/consult-widget.js" data-endpoint="${endpoint}"></script></body></html>`;
  const field = (root: ShadowRoot, name: string) => root.querySelector<HTMLInputElement>(`[name="${name}"]`)!;

  it('keeps what the patient typed when the phone reloads the tab, but not what they wrote of their health, nor their consent', async () => {
    const first = await loadHtml(page());
    await mounted(first);
    const root = await openForm(first, widgetOf(first));
    for (const [name, value] of [['name', '홍길동'], ['phone', '010-1234-5678'], ['message', '정수리 탈모가 있습니다']]) {
      field(root, name).value = value;
      field(root, name).dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    root.querySelector<HTMLInputElement>('#consent-privacy')!.click();
    const again = await loadHtml(page(), { frame: first.frame });
    await mounted(again);
    const back = await openForm(again, widgetOf(again));
    expect(field(back, 'name').value).to.equal('홍길동');
    expect(field(back, 'phone').value).to.equal('010-1234-5678');
    expect(field(back, 'message').value, 'sensitive information is not kept').to.equal('');
    expect(back.querySelector<HTMLInputElement>('#consent-privacy')!.checked, 'consent is given anew').to.be.false;
    expect(JSON.stringify({ ...sessionStorage })).to.not.contain('정수리');
  });

  it('counts a restored draft’s time from when its form was first opened, so a patient who sends it at once is not taken for a bot', async () => {
    const key = uniqueKey();
    const first = await loadHtml(page(`/test/ok?key=${key}`));
    await mounted(first);
    const root = await openForm(first, widgetOf(first));
    const firstOpened = Date.now();
    for (const [name, value] of [['name', '홍길동'], ['phone', '010-1234-5678']]) {
      field(root, name).value = value;
      field(root, name).dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    const again = await loadHtml(page(`/test/ok?key=${key}`), { frame: first.frame });
    await mounted(again);
    const back = await openForm(again, widgetOf(again));
    const sentAt = Date.now();
    back.querySelector<HTMLInputElement>('#consent-privacy')!.click();
    back.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    await waitUntil(async () => (await attempts(key)).length === 1, 'not sent', { timeout: 5000 });
    const [{ body }] = await attempts(key);
    // The receiver files an inquiry sent within a second of opening its form as spam.
    expect(body.antispam!.elapsedMs, 'time since the form first opened, across the reload').to.be.at.least(sentAt - firstOpened);
  });

  it('forgets it once the inquiry is sent, so the next reload starts empty', async () => {
    const key = uniqueKey();
    const first = await loadHtml(page(`/test/ok?key=${key}`));
    await mounted(first);
    const sent = new Promise((resolve) => first.doc.addEventListener('consult-success', resolve));
    fillAndSend(await openForm(first, widgetOf(first)));
    await sent;
    const again = await loadHtml(page(`/test/ok?key=${key}`), { frame: first.frame });
    await mounted(again);
    const back = await openForm(again, widgetOf(again));
    expect(field(back, 'name').value).to.equal('');
    expect(field(back, 'phone').value).to.equal('');
  });

  it('does not keep it in the form once it is saved to be sent: a reload mid-send brings an empty form, and the inquiry goes once', async () => {
    const key = uniqueKey();
    const endpoint = `/test/ok?key=${key}&delay=1500`;
    const first = await loadHtml(page(endpoint));
    await mounted(first);
    fillAndSend(await openForm(first, widgetOf(first)));
    await waitUntil(async () => (await attempts(key)).length === 1 && (await outbox.items()).length === 1, 'not being sent', { timeout: 3000 });
    // The phone reloads the tab while it is sent; the next page sends it from the outbox.
    const again = await loadHtml(page(endpoint), { frame: first.frame });
    await mounted(again);
    const back = await openForm(again, widgetOf(again));
    expect(field(back, 'name').value, 'no second inquiry to make of it').to.equal('');
    await waitUntil(async () => (await outbox.items()).length === 0, 'not sent from the outbox', { timeout: 6000 });
  });

  it('keeps it in the form again when the clinic refuses it, so a reload does not lose it', async () => {
    const key = uniqueKey();
    const endpoint = `/test/status?code=400&key=${key}`;
    const first = await loadHtml(page(endpoint));
    await mounted(first);
    const failed = new Promise((resolve) => first.doc.addEventListener('consult-error', resolve));
    fillAndSend(await openForm(first, widgetOf(first)));
    await failed;
    const again = await loadHtml(page(endpoint), { frame: first.frame });
    await mounted(again);
    const back = await openForm(again, widgetOf(again));
    expect(field(back, 'name').value).to.equal('홍길동');
  });
});
