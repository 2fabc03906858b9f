/**
 * The staff inbox in Chromium (SQLite; both engines are covered over HTTP): login and lock-out
 * messages, the list, filters and search, a status change and a note that persist, the CSV
 * download, hostile input rendered as text, the list updating when an inquiry arrives, the
 * language switch, and axe with no violations on the login, list and detail views. Also as
 * staff use it on a phone: numbers to tap and call, cards with no sideways scrolling, a detail
 * page readable in English, the tab's title counting what arrived unseen, a note kept through
 * an expired session, and a notification being retried marked in the list. Each view it moves
 * to takes the keyboard focus and names itself in the tab's title. The app runs under
 * its real Content-Security-Policy (with Trusted Types) except where axe is injected.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, HTTPRequest, Page } from 'puppeteer-core';
import { inquiry, post, startApp, type TestApp } from './helpers/receiver.js';
import { addSiteWithStaff, PASSWORD } from './helpers/staff.js';
import { axeViolations, downloadOf, ensureInboxBuilt } from './helpers/browser.js';
import { launchChromium } from './helpers/chromium.js';
import { freePort } from './helpers/ports.js';
import { captureLog, startMailbox } from './helpers/notify-targets.js';
import { inboxUrl } from '../../server/domain/notify/content.js';
import { createNotifier } from '../../server/domain/notify/notifier.js';
import { updateSite } from '../../server/domain/sites.js';
import { MAX_EXPORT } from '../../server/domain/inbox.js';
import { sql } from 'kysely';
import { cleanText } from '../../src/delivery/text.js';

const HOSTILE = [
  '<img src=x onerror="window.__pwned=1;alert(1)">',
  '<script>window.__pwned=1;alert(1)</script>',
  'javascript:alert(1)',
  '"><svg onload=alert(1)>',
  '\u202Eevil\u202C 이름 \u2066x\u2069',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
];

describe('staff inbox in the browser (sqlite)', { timeout: 180_000 }, () => {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const dialogs: string[] = [];

  before(async () => {
    ensureInboxBuilt();
    app = await startApp('sqlite', { env: { RATE_LIMIT_PER_IP: '1000', RATE_LIMIT_PER_SITE: '1000' } });
    await addSiteWithStaff(app, 'clinic', 'nurse@clinic.example');
    await addSiteWithStaff(app, 'clinic', 'locked@clinic.example');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A fresh browser profile (its own cookies); bypassCsp only where axe must be injected. */
  async function newPage(options: { bypassCsp?: boolean } = {}): Promise<Page> {
    const context = await browser.createBrowserContext();
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    if (options.bypassCsp) await page.setBypassCSP(true);
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    page.on('pageerror', (error) => dialogs.push(`pageerror: ${(error as Error).message}`));
    return page;
  }

  async function logIn(page: Page, email = 'nurse@clinic.example', password = PASSWORD) {
    await page.goto(`${app.url}/login`);
    await waitDeep(page, '#email');
    assert.equal(await page.$('>>> #login-notice'), null, 'a first visit is told of no expired session');
    await page.type('>>> #email', email);
    await page.type('>>> #password', password);
    await page.click('>>> form button[type=submit]');
  }

  async function loggedIn(options: { bypassCsp?: boolean } = {}) {
    const page = await newPage(options);
    await logIn(page);
    await page.waitForFunction(() => document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-list')?.shadowRoot?.querySelector('tbody tr'));
    return page;
  }

  /**
   * Waits for an element in any shadow root. Puppeteer's waitForSelector watches the document
   * for mutations, which changes inside shadow roots do not fire, so it polls instead.
   */
  function waitDeep(page: Page, selector: string) {
    return page.waitForFunction(
      (css: string) => {
        const roots: (Document | ShadowRoot)[] = [document];
        for (let i = 0; i < roots.length; i++) {
          if (roots[i].querySelector(css)) return true;
          for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
        }
        return false;
      },
      { polling: 100 },
      selector,
    );
  }

  /** The element with the keyboard focus, through the shadow roots: its tag, id and text. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} ${el.textContent?.replace(/\s+/g, ' ').trim()}` : '';
    });

  /** Waits for the focus to be on `expected` (as `focused` describes it), and says where it is instead. */
  async function waitForFocus(page: Page, expected: string) {
    try {
      await page.waitForFunction(
        (want: string) => {
          let el = document.activeElement;
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
          return !!el && `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} ${el.textContent?.replace(/\s+/g, ' ').trim()}` === want;
        },
        { polling: 100, timeout: 5000 },
        expected,
      );
    } catch {
      assert.equal(await focused(page), expected);
    }
  }

  /** Staff go where a link takes them from the keyboard: focused, then Enter. */
  async function follow(page: Page, selector: string) {
    await page.focus(selector);
    await page.keyboard.press('Enter');
  }

  const rowIds = (page: Page) => page.$$eval('>>> inbox-list >>> tbody tr[data-id]', (rows) => rows.map((r) => r.getAttribute('data-id')));

  async function waitForRows(page: Page, ids: string[]) {
    await page.waitForFunction(
      (expected: string[]) => {
        const list = document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-list');
        const rows = [...(list?.shadowRoot?.querySelectorAll('tbody tr[data-id]') ?? [])].map((r) => r.getAttribute('data-id'));
        return JSON.stringify(rows) === JSON.stringify(expected);
      },
      { timeout: 10_000 },
      ids,
    );
  }

  const first = inquiry({
    fields: { name: '김첫째', phone: '010-1000-0001', message: '첫 번째 문의' },
    consent: { privacy: true, sensitive: true, age14: true, marketing: false, policyVersion: 'builtin-2026-11', agreedAt: '2026-11-25T10:00:00.000Z' },
    page: { url: 'https://clinic.example/hair', referrer: '', title: '하늘의원', landingReferrer: 'https://www.google.com/', utm: { source: 'google', gclid: 'g-777' } },
  });
  const second = inquiry({ form: 'event', formTitle: '봄 이벤트 상담', fields: { name: '이둘째', phone: '010-1000-0002', message: '이벤트 문의' } });
  // Filed as spam, with a title of its own for the clinic's form: the filter does not take it.
  const spam = inquiry({ form: 'event', formTitle: '가짜 제목', fields: { name: '스팸봇', phone: '010-1000-0003' }, antispam: { honeypot: 'http://spam.example', elapsedMs: 40_000 } });

  it('shows the login page under a strict CSP, with no axe violations', async () => {
    const page = await newPage();
    const response = await page.goto(`${app.url}/login`);
    assert.match(response!.headers()['content-security-policy'], /require-trusted-types-for 'script'/);
    await waitDeep(page, '#email');
    assert.equal(await page.$eval('html', (html) => html.lang), 'ko');
    const axePage = await newPage({ bypassCsp: true });
    await axePage.goto(`${app.url}/login`);
    await waitDeep(axePage, '#email');
    assert.deepEqual(await axeViolations(axePage), []);
  });

  it('tells a wrong password, then a locked account, apart', async () => {
    const page = await newPage();
    await logIn(page, 'locked@clinic.example', 'wrong password');
    await page.waitForFunction(() => document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-login')?.shadowRoot?.querySelector('#login-error')?.textContent?.includes('맞지 않습니다'));
    for (let i = 0; i < 4; i++) {
      await page.type('>>> #password', `wrong ${i}`);
      await page.click('>>> form button[type=submit]');
      await page.waitForFunction(() => !document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-login')?.shadowRoot?.querySelector('button[disabled]'));
      // Warned before the last try.
      const said = await page.$eval('>>> #login-error', (e) => e.textContent ?? '');
      if (i === 2) assert.match(said, /맞지 않습니다\. 한 번 더 틀리면 로그인이 잠깁니다/);
      else if (i < 2) assert.doesNotMatch(said, /한 번 더/);
    }
    await page.waitForFunction(() => document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-login')?.shadowRoot?.querySelector('#login-error')?.textContent?.includes('잠겼습니다'));
    const text = await page.$eval('>>> #login-error', (e) => e.textContent);
    assert.match(text!, /15분/);
    // And who can lift it.
    assert.match(text!, /대행사에 비밀번호 재설정을 요청하세요/);
  });

  it('logs in and lists inquiries newest first, spam apart, with no axe violations', async () => {
    for (const body of [first, second, spam]) {
      assert.equal((await post(app.url, body)).status, 201);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const page = await loggedIn();
    assert.equal(new URL(page.url()).pathname, '/inbox');
    await waitForRows(page, [second.id as string, first.id as string]);
    // Preset forms are named as the patient saw them; a clinic's own form by the title it gave it.
    const forms = await page.$$eval('>>> inbox-list >>> tbody tr[data-id] td:nth-child(4)', (cells) => cells.map((c) => c.textContent?.trim()));
    assert.deepEqual(forms, ['봄 이벤트 상담', '무료 상담 신청']);
    await page.click('>>> .tabs button:nth-child(2)');
    await waitForRows(page, [spam.id as string]);
    const axePage = await loggedIn({ bypassCsp: true });
    assert.deepEqual(await axeViolations(axePage), []);
  });

  it('filters by form and status and searches by name or phone, never putting the search in a URL (proxies log URLs)', async () => {
    const page = await loggedIn();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(decodeURIComponent(r.url())));
    // A clinic's form by its title (of its newest inquiry not filed as spam) and its id.
    const options = await page.$$eval('>>> inbox-list >>> #form option', (list) => list.map((o) => o.textContent?.trim()));
    assert.deepEqual(options, ['전체', '무료 상담 신청', '봄 이벤트 상담 (event)']);
    await page.select('>>> #form', 'event');
    await page.click('>>> form.filters button[type=submit]');
    await waitForRows(page, [second.id as string]);
    await page.select('>>> #form', '');
    await page.type('>>> #q', '김첫');
    await page.click('>>> form.filters button[type=submit]');
    await waitForRows(page, [first.id as string]);
    await page.$eval('>>> #q', (input) => ((input as HTMLInputElement).value = ''));
    await page.type('>>> #q', '1000-0002');
    await page.click('>>> form.filters button[type=submit]');
    await waitForRows(page, [second.id as string]);
    // Exported while searching: the file holds what the list shows, and the URLs hold no search.
    const dir = mkdtempSync(join(tmpdir(), 'inbox-csv-'));
    const { path } = await downloadOf(page, dir, () => page.click('>>> #export'));
    const csv = readFileSync(path, 'utf8');
    assert.match(csv, /이둘째/);
    assert.doesNotMatch(csv, /김첫째/);
    assert.deepEqual(urls.filter((url) => url.includes('김첫') || url.includes('1000-0002')), []);
    await page.$eval('>>> #q', (input) => ((input as HTMLInputElement).value = ''));
    await page.select('>>> inbox-list >>> #status', 'booked');
    await page.click('>>> form.filters button[type=submit]');
    await waitForRows(page, []);
  });

  it("names a clinic's own form in the inquiry's page by the title it sent, with the form's id beside it", async () => {
    const page = await loggedIn();
    await page.click(`>>> tr[data-id="${second.id}"] a`);
    await waitDeep(page, '#detail-title');
    const details = await page.$eval('>>> inbox-detail', (e) => e.shadowRoot!.textContent ?? '');
    assert.match(details, /양식 봄 이벤트 상담 \(event\)/);
  });

  it('opens an inquiry, changes its status and adds a note, both kept; no axe violations', async () => {
    const page = await loggedIn();
    await page.click(`>>> tr[data-id="${first.id}"] a`);
    await waitDeep(page, '#detail-title');
    assert.equal(await page.$eval('>>> #detail-title', (e) => e.textContent), '김첫째');
    const details = await page.$eval('>>> inbox-detail', (e) => e.shadowRoot!.textContent ?? '');
    assert.match(details, /builtin-2026-11/);
    // Every consent box the patient ticked, the sensitive-information and age ones too.
    assert.match(details, /민감정보 수집·이용 동의\s*예/);
    assert.match(details, /만 14세 이상 확인\s*예/);
    assert.match(details, /마케팅 정보 수신 동의\s*아니요/);
    assert.match(details, /https:\/\/clinic\.example\/hair/);
    // A preset form is named as the patient saw it.
    assert.match(details, /양식 무료 상담 신청/);
    // Where the visit came from: the first page's referrer and the ad click, named as ad tools name them.
    assert.match(details, /첫 방문 시 이전 페이지\(리퍼러\)https:\/\/www\.google\.com\//);
    assert.match(details, /gclidg-777/);
    assert.match(details, /utm_sourcegoogle/);
    await page.select('>>> inbox-detail >>> #status', 'booked');
    await page.click('>>> inbox-detail >>> form.row button[type=submit]');
    await page.waitForFunction(() => document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-detail')?.shadowRoot?.querySelector('[role=status]')?.textContent?.includes('예약됨'));
    await page.type('>>> #note', '내일 오전에 전화 드리기');
    await page.click('>>> inbox-detail >>> form:not(.row) button[type=submit]');
    await page.waitForFunction(() => document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-detail')?.shadowRoot?.querySelector('ul.notes li'));
    const [row] = await app.store.db.selectFrom('inquiries').select('status').where('id', '=', first.id as string).execute();
    assert.equal(row.status, 'booked');
    const notes = await app.store.db.selectFrom('inquiry_notes').select('text').where('inquiry_id', '=', first.id as string).execute();
    assert.deepEqual(notes.map((n) => n.text), ['내일 오전에 전화 드리기']);
    // After a reload the detail still shows both.
    await page.reload();
    await waitDeep(page, 'ul.notes li');
    assert.match(await page.$eval('>>> inbox-detail', (e) => e.shadowRoot!.textContent ?? ''), /내일 오전에 전화 드리기/);
    const axePage = await loggedIn({ bypassCsp: true });
    await axePage.goto(`${app.url}/inbox#/inquiry/${first.id}`);
    await waitDeep(axePage, 'ul.notes li');
    assert.deepEqual(await axeViolations(axePage), []);
  });

  it("moves the focus to each new view's heading, and names the view, never the patient, in the tab's title", async () => {
    const page = await newPage();
    await logIn(page);
    // The login form and the button pressed in it are gone: the list takes the focus.
    await waitForFocus(page, 'h2#list-title 문의 목록');
    assert.equal(await page.title(), '상담 문의함');
    await waitDeep(page, `tr[data-id="${first.id}"] td.name a`);
    await follow(page, `>>> tr[data-id="${first.id}"] td.name a`);
    await waitForFocus(page, 'h2#detail-title 김첫째');
    // The title goes into the browser's history: a patient's name or number must not.
    assert.equal(await page.title(), '문의 상세 · 상담 문의함');
    await follow(page, '>>> inbox-detail >>> a[href="#/"]');
    // Back on the list, on the inquiry staff came from.
    await waitForFocus(page, 'a 김첫째');
    assert.equal(await page.title(), '상담 문의함');
    await follow(page, '>>> #change-password');
    await waitForFocus(page, 'h2#password-title 비밀번호 변경');
    assert.equal(await page.title(), '비밀번호 변경 · 상담 문의함');
    await follow(page, '>>> inbox-password >>> a[href="#/"]');
    await waitForFocus(page, 'h2#list-title 문의 목록');
    // The browser's back button, too.
    await page.goBack();
    await waitForFocus(page, 'h2#password-title 비밀번호 변경');
    // An inquiry that is not there says so, and that takes the focus.
    await page.evaluate(() => (location.hash = '#/inquiry/no-such-inquiry'));
    await waitForFocus(page, 'p#detail-error 이 문의를 찾을 수 없습니다.');
    assert.equal(await page.title(), '문의 상세 · 상담 문의함');
  });

  it('brings staff on a phone back to where they were in a long list, on the inquiry they opened, by the back link or the browser\'s back', async () => {
    await addSiteWithStaff(app, 'long', 'desk@long.example');
    const names = Array.from({ length: 30 }, (_, i) => `긴목록${String(i + 1).padStart(2, '0')}`);
    for (const name of names) {
      assert.equal((await post(app.url, inquiry({ fields: { name, phone: '010-7100-0000' } }), { site: 'long', origin: 'https://long.example' })).status, 201);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const page = await newPage();
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    await logIn(page, 'desk@long.example');
    await waitDeep(page, 'tbody tr[data-id]');
    // Well down the list: the fifth-oldest inquiry.
    const link = `>>> inbox-list >>> tr:nth-child(26) td.name a`;
    await page.$eval(link, (a) => a.scrollIntoView({ block: 'center' }));
    const name = await page.$eval(link, (a) => a.textContent);
    const href = await page.$eval(link, (a) => a.getAttribute('href'));
    const left = await page.evaluate(() => scrollY);
    assert.ok(left > 1500, `the list scrolled to ${left} px`);
    const focusedHref = () =>
      page.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.getAttribute('href');
      });
    for (const back of [() => page.click('>>> inbox-detail >>> a[href="#/"]'), () => page.goBack()]) {
      await page.click(link);
      await waitForFocus(page, `h2#detail-title ${name}`);
      // The inquiry's page opens at its top.
      assert.equal(await page.evaluate(() => scrollY), 0);
      await back();
      await waitForFocus(page, `a ${name}`);
      assert.equal(await focusedHref(), href);
      assert.equal(await page.evaluate(() => scrollY), left);
    }
    // A new inquiry on top moves the rows down: the focus stays with the patient, not the row's place.
    assert.equal((await post(app.url, inquiry({ fields: { name: '새로온환자', phone: '010-7100-0001' } }), { site: 'long', origin: 'https://long.example' })).status, 201);
    await waitDeep(page, 'tbody tr:nth-child(31)');
    assert.equal(await focused(page), `a ${name}`);
    assert.equal(await focusedHref(), href);
  });

  it("keeps patients' names, numbers and notes out of the browser's autofill history (a shared front-desk PC)", async () => {
    const body = inquiry({ fields: { name: '자동완성', phone: '010-1100-0000' } });
    assert.equal((await post(app.url, body)).status, 201);
    const page = await loggedIn();
    /** Every field staff type into on the current view, with its autocomplete attribute. */
    const fields = () =>
      page.evaluate(() => {
        const found: string[][] = [];
        const roots: (Document | ShadowRoot)[] = [document];
        for (let i = 0; i < roots.length; i++) {
          for (const el of roots[i].querySelectorAll('*')) {
            if (el.matches('input:not([type=date]), textarea') && el.checkVisibility()) found.push([el.id, el.getAttribute('autocomplete') ?? '']);
            if (el.shadowRoot) roots.push(el.shadowRoot);
          }
        }
        return found;
      });
    assert.deepEqual(await fields(), [['q', 'off']]);
    await page.goto(`${app.url}/inbox#/inquiry/${body.id}`);
    await waitDeep(page, '#note');
    assert.deepEqual(await fields(), [['note', 'off']]);
  });

  it("opens the inquiry a notification's link names, after the login it asks for first", async () => {
    // The link exactly as emails, Slack messages and webhooks carry it (domain/notify/content.ts).
    const link = inboxUrl(app.url, second.id as string);
    const page = await newPage();
    await page.goto(link);
    await waitDeep(page, '#email');
    await page.type('>>> #email', 'nurse@clinic.example');
    await page.type('>>> #password', PASSWORD);
    await page.click('>>> form button[type=submit]');
    await page.waitForFunction(
      (name: string) => document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-detail')?.shadowRoot?.querySelector('#detail-title')?.textContent === name,
      { polling: 100 },
      '이둘째',
    );
    // Already logged in, the link opens the inquiry at once.
    const again = await loggedIn();
    await again.goto(link);
    await again.waitForFunction(
      (name: string) => document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-detail')?.shadowRoot?.querySelector('#detail-title')?.textContent === name,
      { polling: 100 },
      '이둘째',
    );
  });

  it('downloads the CSV export with a BOM and the listed inquiries', async () => {
    const page = await loggedIn();
    const dir = mkdtempSync(join(tmpdir(), 'inbox-csv-'));
    const { suggestedFilename, path } = await downloadOf(page, dir, () => page.click('>>> #export'));
    assert.match(suggestedFilename, /\.csv$/, 'a .csv file was downloaded');
    const bytes = readFileSync(path);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    assert.match(text, /김첫째/);
    assert.match(text, /이둘째/);
    assert.doesNotMatch(text, /스팸봇/);
    assert.match(text, /\r\n/);
  });

  it('says when a CSV export would hold only the newest of the listed inquiries', async () => {
    // A clinic of its own with one inquiry more than an export holds (copies of one, made in SQL).
    await addSiteWithStaff(app, 'busy', 'desk@busy.example');
    const template = inquiry();
    assert.equal((await post(app.url, template, { site: 'busy', origin: 'https://busy.example' })).status, 201);
    await sql`
      INSERT INTO inquiries (site_id, id, received_at, form, status, spam, content_hash, payload, name, phone_digits)
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MAX_EXPORT})
      SELECT site_id, id || '-' || i, received_at, form, status, spam, content_hash, payload, name, phone_digits
      FROM inquiries, n WHERE site_id = 'busy' AND id = ${template.id as string}`.execute(app.store.db);
    const page = await newPage();
    await logIn(page, 'desk@busy.example');
    await waitDeep(page, '#export-limit');
    const text = await page.$eval('>>> #export-limit', (el) => el.textContent!.replace(/\s+/g, ' ').trim());
    assert.match(text, new RegExp(`최근 문의 ${MAX_EXPORT}건만`));
    assert.equal(await page.$eval('>>> #export', (el) => el.getAttribute('aria-describedby')), 'export-limit');
    // A clinic whose list an export holds whole sees no such note.
    const small = await loggedIn();
    assert.equal(await small.$('>>> #export-limit'), null);
  });

  it('renders hostile input as text: no dialog, no script run, no injected elements', async () => {
    const bodies = HOSTILE.map((text) => inquiry({ fields: { name: text.slice(0, 200), phone: '010-2000-0000', message: text, note: `${text}${'가'.repeat(5000)}`.slice(0, 2000) } }));
    bodies.push(inquiry({ fields: { name: '가'.repeat(2000), phone: '010-2000-0001', message: 'ㅁ'.repeat(2000) }, page: { url: 'javascript:alert(1)', referrer: '<script>alert(1)</script>', title: '<b>x</b>' } }));
    for (const body of bodies) assert.equal((await post(app.url, body)).status, 201);
    // The schema caps a field at 2000 characters; a 5000-character one can still be in the
    // database (an older receiver, a manual import), so one goes in directly.
    const long = inquiry({ fields: { name: `${'<b>길다</b>'.repeat(500)}`.slice(0, 5000), phone: '010-2000-0002', message: '\u202E'.concat('x'.repeat(4999)) } });
    await app.store.db
      .insertInto('inquiries')
      .values({ site_id: 'clinic', id: long.id as string, received_at: new Date().toISOString(), form: 'consult', status: 'new', spam: 0, content_hash: 'x', payload: JSON.stringify(long), name: (long.fields as { name: string }).name, phone_digits: ' 01020000002 ' })
      .execute();
    bodies.push(long);
    // Without the CSP, so only Lit's text bindings stand between the input and the page.
    const page = await loggedIn({ bypassCsp: true });
    await page.type('>>> #q', '');
    await waitForRowsContaining(page, bodies.map((b) => b.id as string));
    const names = await page.$$eval('>>> inbox-list >>> td.name a', (links) => links.map((a) => a.textContent));
    // As the receiver keeps it: direction controls and marks are gone (what was posted), the rest as typed.
    for (const text of HOSTILE) assert.ok(names.includes(cleanText(text)), `shown as text: ${text}`);
    for (const body of bodies) {
      await page.goto(`${app.url}/inbox#/inquiry/${body.id}`);
      const posted = (body as { fields: Record<string, string> }).fields;
      const fields = body === long ? posted : Object.fromEntries(Object.entries(posted).map(([k, v]) => [k, cleanText(v)]));
      await page.waitForFunction(
        (name: string) => document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-detail')?.shadowRoot?.querySelector('#detail-title')?.textContent === name,
        { polling: 100 },
        fields.name,
      );
      assert.equal(await page.$eval('>>> #detail-title', (e) => e.textContent), fields.name);
      const shown = await page.$eval('>>> inbox-detail', (e) => e.shadowRoot!.textContent ?? '');
      assert.ok(shown.includes(fields.message), 'message shown verbatim');
    }
    // One loop, no inner named function: the test's compiler would wrap one in a helper the page lacks.
    const injected = await page.evaluate(() => {
      const found: string[] = [];
      const roots: (Document | ShadowRoot)[] = [document];
      for (let i = 0; i < roots.length; i++) {
        for (const el of roots[i].querySelectorAll('*')) {
          const tag = el.tagName.toUpperCase();
          if (['IMG', 'SVG', 'B', 'IFRAME'].includes(tag) || (tag === 'SCRIPT' && roots[i] !== document)) found.push(tag);
          if (el.shadowRoot) roots.push(el.shadowRoot);
        }
      }
      return { found, pwned: (window as unknown as { __pwned?: number }).__pwned ?? null };
    });
    assert.deepEqual(injected, { found: [], pwned: null });
    assert.deepEqual(dialogs, []);
  });

  async function waitForRowsContaining(page: Page, ids: string[]) {
    await page.waitForFunction(
      (expected: string[]) => {
        const list = document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-list');
        const rows = new Set([...(list?.shadowRoot?.querySelectorAll('tbody tr[data-id]') ?? [])].map((r) => r.getAttribute('data-id')));
        return expected.every((id) => rows.has(id));
      },
      { timeout: 10_000 },
      ids,
    );
  }

  it('shows a new inquiry without a reload', async () => {
    const page = await loggedIn();
    const before = await rowIds(page);
    const body = inquiry({ fields: { name: '새환자', phone: '010-3000-0000' } });
    assert.equal((await post(app.url, body)).status, 201);
    await page.waitForFunction(
      (id: string) => document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-list')?.shadowRoot?.querySelector(`tr[data-id="${id}"]`),
      { timeout: 15_000 },
      body.id as string,
    );
    assert.equal((await rowIds(page))[0], body.id);
    assert.ok(before.length > 0);
  });

  it('switches to English and back, remembering the choice', async () => {
    const page = await loggedIn();
    await page.select('>>> #language', 'en');
    await page.waitForFunction(() => document.querySelector('inbox-app')?.shadowRoot?.querySelector('h1')?.textContent?.includes('Inquiry inbox'));
    assert.equal(await page.$eval('html', (html) => html.lang), 'en');
    await page.reload();
    await page.waitForFunction(() => document.querySelector('inbox-app')?.shadowRoot?.querySelector('h1')?.textContent?.includes('Inquiry inbox'));
    await page.select('>>> #language', 'ko');
    await page.waitForFunction(() => document.querySelector('inbox-app')?.shadowRoot?.querySelector('h1')?.textContent?.includes('상담 문의함'));
  });

  it("deletes a patient's inquiries on request after a confirmation step", async () => {
    const mine = [inquiry({ fields: { name: '삭제환자', phone: '010-4000-0000' } }), inquiry({ fields: { name: '삭제환자', phone: '01040000000' } })];
    for (const body of mine) assert.equal((await post(app.url, body)).status, 201);
    const page = await loggedIn();
    await page.goto(`${app.url}/inbox#/inquiry/${mine[0].id}`);
    await waitDeep(page, '#delete-patient');
    await page.click('>>> #delete-patient');
    await waitDeep(page, '#confirm-delete');
    // The number that will be deleted, as stored, for staff to compare with the one the patient gave.
    const check = await page.$eval('>>> #erase-check', (el) => el.textContent ?? '');
    assert.match(check, /^010-4000-0000 번호로 받은 문의를 모두 지웁니다/);
    await page.click('>>> #confirm-delete');
    // The button pressed is gone with the inquiry: the focus goes to what says it is done.
    await waitForFocus(page, 'p#erase-done 이 환자의 문의 2건을 삭제했습니다.');
    const left = await app.store.db.selectFrom('inquiries').select('id').where('phone_digits', '=', ' 01040000000 ').execute();
    assert.deepEqual(left, []);
    assert.deepEqual(dialogs, []);
  });

  it('changes the password from the header: a mismatch and a wrong current password told, then done, still logged in; no axe violations', async () => {
    await addSiteWithStaff(app, 'clinic', 'desk@clinic.example');
    const other = await newPage();
    await logIn(other, 'desk@clinic.example');
    await waitDeep(other, 'inbox-list');
    const page = await newPage({ bypassCsp: true });
    await logIn(page, 'desk@clinic.example');
    await waitDeep(page, 'inbox-list');
    // Another tab of the same browser, on an inquiry: it shares the cookie, not the CSRF token.
    const tab = await page.browserContext().newPage();
    tab.setDefaultTimeout(10_000);
    await tab.goto(`${app.url}/inbox#/inquiry/${first.id}`);
    await waitDeep(tab, '#detail-title');
    // A tab in the background gets no animation frames, which clicks wait for.
    await page.bringToFront();
    await page.click('>>> #change-password');
    await waitDeep(page, '#current');
    assert.deepEqual(await axeViolations(page), []);
    const errorSays = (text: string) =>
      page.waitForFunction((t: string) => document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-password')?.shadowRoot?.querySelector('#password-error')?.textContent?.includes(t), {}, text);
    const fill = async (current: string, next: string, again: string) => {
      for (const [id, text] of [['current', current], ['next', next], ['again', again]]) {
        await page.$eval(`>>> #${id}`, (input) => ((input as HTMLInputElement).value = ''));
        await page.type(`>>> #${id}`, text);
      }
      await page.click('>>> inbox-password >>> button[type=submit]');
    };
    await fill(PASSWORD, 'a new long passphrase', 'a new long passphrasE');
    await errorSays('서로 다릅니다');
    await fill('not my password', 'a new long passphrase', 'a new long passphrase');
    await errorSays('맞지 않습니다');
    await fill(PASSWORD, 'a new long passphrase', 'a new long passphrase');
    await waitDeep(page, '#password-done');
    assert.equal(await page.evaluate(() => document.querySelector('inbox-app')!.shadowRoot!.querySelector('inbox-password')!.shadowRoot!.activeElement?.tagName), 'H2');
    assert.deepEqual(await axeViolations(page), []);
    // The other tab goes on working under the renewed session.
    await tab.bringToFront();
    await tab.select('>>> inbox-detail >>> #status', 'contacted');
    await tab.click('>>> inbox-detail >>> form.row button[type=submit]');
    await tab.waitForFunction(() => document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-detail')?.shadowRoot?.querySelector('[role=status]')?.textContent?.includes('연락함'));
    // Back to the list in the same browser; the other one is asked to log in.
    await page.bringToFront();
    await page.click('>>> #password-done a');
    await page.waitForFunction(() => !document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-list')?.hidden);
    await other.reload();
    await waitDeep(other, '#email');
    await logIn(other, 'desk@clinic.example', 'a new long passphrase');
    await waitDeep(other, 'inbox-list');
  });

  it('makes every phone number a patient gave a link that calls it, in the list and the detail', async () => {
    // A number abroad in the phone field, and a guardian's under a clinic's own field name.
    const body = inquiry({ fields: { name: '전화환자', phone: '+81 90-1234-5678', 'guardian-phone': '010-5555-6666', message: '보호자 번호도 남깁니다' } });
    assert.equal((await post(app.url, body)).status, 201);
    const page = await loggedIn();
    await waitDeep(page, `tr[data-id="${body.id}"] a[href^="tel:"]`);
    const listed = async (id: string) => page.$eval(`>>> tr[data-id="${id}"] td.phone a`, (a) => [a.getAttribute('href'), a.textContent]);
    // Digits (and a leading +) to dial; the number as the patient typed it to read.
    assert.deepEqual(await listed(body.id as string), ['tel:+819012345678', '+81 90-1234-5678']);
    assert.deepEqual(await listed(first.id as string), ['tel:01010000001', '010-1000-0001']);
    await page.click(`>>> tr[data-id="${body.id}"] td.name a`);
    await waitDeep(page, '#detail-title');
    const links = await page.$$eval('>>> inbox-detail >>> dd a', (found) => found.map((a) => [a.getAttribute('href'), a.textContent]));
    assert.deepEqual(links, [
      ['tel:+819012345678', '+81 90-1234-5678'],
      ['tel:01055556666', '010-5555-6666'],
    ]);
  });

  it('lists inquiries as cards on a phone: no sideways scrolling at 390 and 320 px, each number visible to tap; no axe violations', async () => {
    const page = await loggedIn({ bypassCsp: true });
    for (const [width, height] of [
      [390, 844],
      [320, 568],
    ]) {
      await page.setViewport({ width, height, isMobile: true, hasTouch: true });
      await page.reload();
      await waitDeep(page, 'tbody tr[data-id] a[href^="tel:"]');
      // One loop, no inner named function (see the hostile input test).
      const scrolling = await page.evaluate(() => {
        const found: string[] = [];
        if (document.documentElement.scrollWidth > innerWidth) found.push(`page ${document.documentElement.scrollWidth}`);
        const roots: (Document | ShadowRoot)[] = [document];
        for (let i = 0; i < roots.length; i++) {
          for (const el of roots[i].querySelectorAll('*')) {
            if (['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1) found.push(`${el.tagName} ${el.className} ${el.scrollWidth} > ${el.clientWidth}`);
            if (el.shadowRoot) roots.push(el.shadowRoot);
          }
        }
        return found;
      });
      assert.deepEqual(scrolling, [], `nothing scrolls sideways at ${width} px`);
      // Each card's name, number (to tap), status, time and form, inside the screen.
      const cards = await page.$$eval('>>> inbox-list >>> tbody tr[data-id]', (rows) =>
        rows.map((row) => {
          const hidden: string[] = [];
          for (const part of ['td.name a', 'td.phone a[href^="tel:"]', 'td.status', 'td.time', 'td.form']) {
            const el = row.querySelector(part);
            const box = el?.getBoundingClientRect();
            if (!el || !box || !el.checkVisibility() || box.width === 0 || box.left < 0 || box.right > innerWidth) hidden.push(part);
          }
          return { id: row.getAttribute('data-id'), hidden, top: row.getBoundingClientRect().top };
        }),
      );
      assert.ok(cards.length > 0);
      for (const card of cards) assert.deepEqual(card.hidden, [], `all of card ${card.id} shows at ${width} px`);
      // The header and filters stay short: the newest inquiry is on the first screen.
      if (width === 390) assert.ok(cards[0].top < height - 100, `the first card starts at ${cards[0].top} px`);
      // The filters behind 상세 필터 open without widening the page either.
      await page.click('>>> .more-toggle');
      await waitDeep(page, '.more.open #from');
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));
      assert.deepEqual(await axeViolations(page), []);
    }
  });

  it('makes every link and control a 44 px target on a touch tablet and a phone, in the list, an inquiry and the password page', async () => {
    const page = await loggedIn();
    /** Each visible link and control of the view smaller than 44 × 44 px, with its size. */
    const small = () =>
      page.evaluate(() => {
        const found: string[] = [];
        const roots: (Document | ShadowRoot)[] = [document];
        for (let i = 0; i < roots.length; i++) {
          for (const el of roots[i].querySelectorAll('*')) {
            if (el.shadowRoot) roots.push(el.shadowRoot);
            if (!el.matches('a[href], button, select, input, textarea') || !el.checkVisibility()) continue;
            const box = el.getBoundingClientRect();
            if (box.width < 44 || box.height < 44) found.push(`${el.tagName.toLowerCase()} ${el.textContent?.trim().slice(0, 20)}: ${Math.round(box.width)}×${Math.round(box.height)}`);
          }
        }
        return found;
      });
    for (const [width, height] of [
      [768, 1024],
      [390, 844],
    ]) {
      await page.setViewport({ width, height, isMobile: true, hasTouch: true });
      await page.goto(`${app.url}/inbox#/`);
      await waitDeep(page, `tr[data-id="${first.id}"] a[href^="tel:"]`);
      assert.ok(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), 'a touch screen');
      assert.deepEqual(await small(), [], `the list at ${width} px`);
      await page.goto(`${app.url}/inbox#/inquiry/${first.id}`);
      await waitDeep(page, '#delete-patient');
      assert.deepEqual(await small(), [], `an inquiry at ${width} px`);
      await page.goto(`${app.url}/inbox#/password`);
      await waitDeep(page, '#current');
      assert.deepEqual(await small(), [], `the password page at ${width} px`);
    }
  });

  it('shows the detail in English with room for every value at 1366 and 390 px, preset gender values in words, and a clinic\'s own field by its label', async () => {
    const body = inquiry({
      fields: { name: '성별환자', phone: '010-6000-0000', gender: 'male', visit: '오전', callback: '평일 저녁', message: 'Is a consultation on Saturday possible?' },
      // A label for a preset field is not taken: the inbox names its own fields; one of its names says whose it is.
      labels: { visit: '방문 희망', phone: '이름', callback: '연락처' },
      consent: { privacy: true, sensitive: true, age14: true, marketing: false, policyVersion: 'builtin-2026-11', agreedAt: '2026-11-25T10:00:00.000Z' },
      page: { url: 'https://clinic.example/hair-transplant/price-guide?utm_source=naver&utm_medium=cpc&utm_campaign=winter', referrer: 'https://search.naver.com/search.naver?query=hair', title: '하늘의원' },
    });
    assert.equal((await post(app.url, body)).status, 201);
    const page = await loggedIn();
    await page.goto(`${app.url}/inbox#/inquiry/${body.id}`);
    await waitDeep(page, '#detail-title');
    const valueOf = (label: string) =>
      page.$$eval('>>> inbox-detail >>> dt', (terms, wanted) => terms.find((dt) => dt.textContent?.trim() === wanted)?.nextElementSibling?.textContent?.trim(), label);
    assert.equal(await valueOf('성별'), '남성');
    assert.equal(await valueOf('방문 희망'), '오전');
    assert.equal(await valueOf('연락처'), '010-6000-0000');
    assert.equal(await valueOf('연락처 (callback)'), '평일 저녁');
    assert.deepEqual(await page.$$eval('>>> inbox-detail >>> dt', (terms) => terms.filter((dt) => dt.textContent?.trim() === '이름').length), 1, 'the number is not labelled 이름');
    await page.select('>>> #language', 'en');
    await page.waitForFunction(() => document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-detail')?.shadowRoot?.textContent?.includes('Consent record'));
    assert.equal(await valueOf('Gender'), 'Male');
    for (const [width, height] of [
      [1366, 768],
      [390, 844],
    ]) {
      await page.setViewport({ width, height });
      // A value is at least 120 px wide, or on a line of its own below its label.
      const cramped = await page.$$eval('>>> inbox-detail >>> dd', (values) =>
        values
          .map((dd) => {
            const value = dd.getBoundingClientRect();
            const label = dd.previousElementSibling!.getBoundingClientRect();
            return value.width >= 120 || value.top >= label.bottom - 1 ? '' : `${dd.previousElementSibling!.textContent?.trim()}: ${Math.round(value.width)} px`;
          })
          .filter(Boolean),
      );
      assert.deepEqual(cramped, [], `values have room at ${width} px`);
    }
  });

  it('counts inquiries that arrive unseen in the tab title, and marks them in the list once looked at; no axe violations', async () => {
    await addSiteWithStaff(app, 'fresh', 'desk@fresh.example');
    const arrive = async (name: string) => {
      const body = inquiry({ fields: { name, phone: '010-7000-0000' } });
      assert.equal((await post(app.url, body, { site: 'fresh', origin: 'https://fresh.example' })).status, 201);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return body.id as string;
    };
    const marked = (page: Page) => page.$$eval('>>> inbox-list >>> tbody tr.arrived', (rows) => rows.map((r) => [r.getAttribute('data-id'), r.querySelector('.badge.arrived')?.textContent]));
    const titled = (page: Page, title: string) => page.waitForFunction((t: string) => document.title === t, { polling: 100, timeout: 20_000 }, title);
    const older = await arrive('먼저온환자');
    const page = await newPage({ bypassCsp: true });
    await logIn(page, 'desk@fresh.example');
    await waitForRows(page, [older]);
    // What was there when the inbox opened counts as seen.
    await titled(page, '상담 문의함');
    assert.deepEqual(await marked(page), []);
    // One arrives while staff read an inquiry: the title counts it.
    await page.click(`>>> tr[data-id="${older}"] td.name a`);
    await waitDeep(page, '#detail-title');
    const whileReading = await arrive('읽는중도착');
    await titled(page, '(1) 문의 상세 · 상담 문의함');
    // Back on the list: seen, and marked as new since the last look.
    await page.click('>>> inbox-detail >>> a[href="#/"]');
    await titled(page, '상담 문의함');
    await waitForRows(page, [whileReading, older]);
    assert.deepEqual(await marked(page), [[whileReading, '새로 도착']]);
    assert.deepEqual(await axeViolations(page), []);
    // Two arrive while the tab is in the background (the list goes on asking how many): counted in
    // its title, and no list of patients is fetched, or logged as read, while nobody sees it.
    const other = await page.browserContext().newPage();
    await other.bringToFront();
    assert.equal(await page.evaluate(() => document.visibilityState), 'hidden');
    const reads = async () =>
      (await app.store.db.selectFrom('access_log').select('id').where('site_id', '=', 'fresh').where('action', 'in', ['list', 'search', 'view']).execute()).length;
    const readsBefore = await reads();
    const lists: string[] = [];
    const onRequest = (request: HTTPRequest) => void (new URL(request.url()).pathname === '/inbox/api/inquiries' && lists.push(request.url()));
    page.on('request', onRequest);
    const inBackground = [await arrive('뒤에서하나'), await arrive('뒤에서둘')];
    await titled(page, '(2) 상담 문의함');
    page.off('request', onRequest);
    assert.deepEqual(lists, [], 'a tab in the background fetched the list');
    assert.equal(await reads(), readsBefore, 'reads were logged while nobody looked');
    // In front again: seen; the list, fetched now that someone looks, marks those two as the new ones.
    await page.bringToFront();
    await titled(page, '상담 문의함');
    await waitForRows(page, [inBackground[1], inBackground[0], whileReading, older]);
    assert.deepEqual(await marked(page), [
      [inBackground[1], '새로 도착'],
      [inBackground[0], '새로 도착'],
    ]);
    await other.close();
  });

  /** Staff type a note on the first inquiry, their session's 12 hours run out, and they press 메모 남기기. */
  async function typeWhileSessionEnds(email: string, draft: string) {
    await addSiteWithStaff(app, 'clinic', email);
    const page = await newPage({ bypassCsp: true });
    await logIn(page, email);
    await waitDeep(page, 'inbox-list');
    await page.goto(`${app.url}/inbox#/inquiry/${first.id}`);
    await waitDeep(page, '#note');
    await page.type('>>> #note', draft);
    // Here the note's own request must find the session gone, not the list's next poll.
    await page.setRequestInterception(true);
    const noPolls = (request: HTTPRequest) => void (new URL(request.url()).pathname === '/inbox/api/version' ? request.abort() : request.continue());
    page.on('request', noPolls);
    const staff = await app.store.db.selectFrom('staff').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    await app.store.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('staff_id', '=', staff.id).execute();
    await page.click('>>> inbox-detail >>> form:not(.row) button[type=submit]');
    await waitDeep(page, '#login-notice');
    page.off('request', noPolls);
    await page.setRequestInterception(false);
    return page;
  }

  it('keeps a note being typed when the session ends: the login says why, then returns to the inquiry with the note; no axe violations', async () => {
    const draft = '오후 3시에 다시 전화 드리기로 함';
    const page = await typeWhileSessionEnds('late@clinic.example', draft);
    assert.equal(await page.$eval('>>> #login-notice', (el) => el.textContent), '로그인이 만료되었습니다. 다시 로그인해 주세요.');
    assert.equal(await page.$eval('>>> #email', (el) => el.getAttribute('aria-describedby')), 'login-notice');
    const at = new URL(page.url());
    assert.deepEqual([at.pathname, at.hash], ['/login', `#/inquiry/${first.id}`]);
    // What staff typed about a patient is kept in this tab only: sessionStorage, never localStorage.
    const stored = () => page.evaluate(() => ({ session: Object.values(sessionStorage), local: Object.values(localStorage) }));
    assert.deepEqual(await stored(), { session: [draft], local: [] });
    assert.deepEqual(await axeViolations(page), []);
    // Logging in again returns to the inquiry, the note as it was.
    await page.type('>>> #email', 'late@clinic.example');
    await page.type('>>> #password', PASSWORD);
    await page.click('>>> form button[type=submit]');
    await page.waitForFunction(
      (name: string) => document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-detail')?.shadowRoot?.querySelector('#detail-title')?.textContent === name,
      { polling: 100 },
      '김첫째',
    );
    await waitDeep(page, '#note');
    assert.equal(await page.$eval('>>> #note', (el) => (el as HTMLTextAreaElement).value), draft);
    await page.click('>>> inbox-detail >>> form:not(.row) button[type=submit]');
    await page.waitForFunction(
      (text: string) => document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-detail')?.shadowRoot?.querySelector('[role=status]')?.textContent?.includes(text),
      { polling: 100 },
      '메모를 남겼습니다',
    );
    const notes = await app.store.db.selectFrom('inquiry_notes').select('text').where('inquiry_id', '=', first.id as string).execute();
    assert.ok(notes.some((n) => n.text === draft));
    // Sent: the draft is gone. One left unsent goes with a logout.
    assert.deepEqual((await stored()).session, []);
    await page.type('>>> #note', '보내지 않은 메모');
    assert.deepEqual((await stored()).session, ['보내지 않은 메모']);
    await page.click('>>> #logout');
    await waitDeep(page, '#email');
    assert.deepEqual(await stored(), { session: [], local: [] });
    assert.equal(await page.$('>>> #login-notice'), null, 'a logout is no expired session');
  });

  it('does not hand a colleague who logs in next on the same browser the note someone else was typing', async () => {
    const page = await typeWhileSessionEnds('morning@clinic.example', '김첫째님 재상담 예정');
    await addSiteWithStaff(app, 'clinic', 'evening@clinic.example');
    await page.type('>>> #email', 'evening@clinic.example');
    await page.type('>>> #password', PASSWORD);
    await page.click('>>> form button[type=submit]');
    await waitDeep(page, '#note');
    assert.equal(await page.$eval('>>> #note', (el) => (el as HTMLTextAreaElement).value), '', 'not theirs to send under their name');
    await page.click('>>> #logout');
    await waitDeep(page, '#email');
    assert.deepEqual(await page.evaluate(() => Object.values(sessionStorage)), [], 'a logout leaves no one\'s draft');
  });

  it('marks an inquiry whose notification is being retried after an error (a wrong SMTP password); no axe violations', async () => {
    const mailbox = await startMailbox();
    try {
      await addSiteWithStaff(app, 'mailfail', 'desk@mailfail.example');
      await updateSite(app.store, 'mailfail', { notify: { emails: ['desk@mailfail.example'] } });
      const body = inquiry({ fields: { name: '알림환자', phone: '010-8000-0000' } });
      assert.equal((await post(app.url, body, { site: 'mailfail', origin: 'https://mailfail.example' })).status, 201);
      // The mail server refuses the message as it refuses a wrong password (535); the notifier will try again.
      mailbox.failNext([535]);
      await createNotifier(app.store, { ...app.config, smtpUrl: mailbox.url }).runOnce(captureLog().log);
      const rows = await app.store.db.selectFrom('outbox').select(['state', 'last_error']).where('inquiry_id', '=', body.id as string).execute();
      assert.deepEqual(rows, [{ state: 'pending', last_error: 'SMTP 535' }]);
      const page = await newPage({ bypassCsp: true });
      await logIn(page, 'desk@mailfail.example');
      await waitForRows(page, [body.id as string]);
      await waitDeep(page, `tr[data-id="${body.id}"] .badge.retrying`);
      const [text, describedBy] = await page.$eval(`>>> tr[data-id="${body.id}"] .badge.retrying`, (el) => [el.textContent?.trim(), el.getAttribute('aria-describedby')]);
      assert.equal(text, '알림 재시도 중 (메일)');
      assert.equal(await page.$('>>> inbox-list >>> .badge.failed'), null, 'not failed: still being tried');
      // What it means is on the page, not in a tooltip phones and screen readers never show: the
      // channel, and whom to tell. The badge points to it.
      const help = await page.$eval(`>>> inbox-list >>> #${describedBy}`, (el) => (el as HTMLElement).innerText);
      assert.match(help, /^메일 알림을 보내지 못한 문의가 있습니다\..*대행사에 알려 주세요/s);
      assert.doesNotMatch(help, /SMTP|웹훅/);
      assert.deepEqual(await axeViolations(page), []);
      // The inquiry's page says what SMTP 535 means, with the code beside it for the agency.
      await page.click(`>>> tr[data-id="${body.id}"] td.name a`);
      await waitDeep(page, 'p.notify-help');
      const error = await page.$eval('>>> inbox-detail >>> section[aria-labelledby=notify-title] tbody td:last-child', (el) => (el as HTMLElement).innerText.trim());
      assert.equal(error, '메일 서버가 수신기의 메일 계정(SMTP 아이디 또는 비밀번호)을 거부했습니다. (SMTP 535)');
      assert.match(await page.$eval('>>> inbox-detail >>> p.notify-help', (el) => el.textContent ?? ''), /대행사에 이 표의 오류 내용을 알려 주세요/);
      assert.deepEqual(await axeViolations(page), []);
    } finally {
      await mailbox.close();
    }
  });

  /** A site whose webhook nobody listens to (the connection is refused), and one inquiry its notifier has tried once. */
  async function inquiryWithRefusedWebhook(site: string, name: string, phone: string): Promise<Record<string, unknown>> {
    await addSiteWithStaff(app, site, `desk@${site}.example`);
    await updateSite(app.store, site, { notify: { webhookUrl: `http://127.0.0.1:${await freePort()}/hook` } });
    const body = inquiry({ fields: { name, phone } });
    assert.equal((await post(app.url, body, { site, origin: `https://${site}.example` })).status, 201);
    await createNotifier(app.store, app.config).runOnce(captureLog().log);
    return body;
  }

  it("keeps Korean words whole in an inquiry's notifications at 320 px, the table within its card; no axe violations", async () => {
    const body = await inquiryWithRefusedWebhook('narrow', '좁은화면', '010-8200-0000');
    const page = await newPage({ bypassCsp: true });
    await page.setViewport({ width: 320, height: 568, isMobile: true, hasTouch: true });
    await logIn(page, 'desk@narrow.example');
    await waitForRows(page, [body.id as string]);
    await page.goto(`${app.url}/inbox#/inquiry/${body.id}`);
    await waitDeep(page, 'section[aria-labelledby=notify-title] tbody td');
    // Each word of the table (its headers too) on one line, and the table inside its card.
    const layout = await page.$eval('>>> inbox-detail >>> section[aria-labelledby=notify-title]', (section) => {
      const broken: string[] = [];
      const walker = document.createTreeWalker(section.querySelector('table')!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of node.textContent!.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(word[0]);
        }
      }
      return { broken, overflow: section.scrollWidth - section.clientWidth, page: document.documentElement.scrollWidth - innerWidth };
    });
    assert.deepEqual(layout, { broken: [], overflow: 0, page: 0 });
    // What each value is stays readable: the webhook's row says 웹훅 and why, in words.
    const text = await page.$eval('>>> inbox-detail >>> section[aria-labelledby=notify-title] tbody', (el) => (el as HTMLElement).innerText);
    assert.match(text, /웹훅/);
    assert.match(text, /웹훅 서버에 연결할 수 없습니다/);
    assert.deepEqual(await axeViolations(page), []);
  });

  it('names the webhook, not the mail, when a webhook fails, and explains ECONNREFUSED in words', async () => {
    const body = await inquiryWithRefusedWebhook('hookfail', '웹훅환자', '010-8100-0000');
    const rows = await app.store.db.selectFrom('outbox').select(['state', 'last_error']).where('inquiry_id', '=', body.id as string).execute();
    assert.deepEqual(rows, [{ state: 'pending', last_error: 'ECONNREFUSED' }]);
    const page = await newPage();
    await logIn(page, 'desk@hookfail.example');
    await waitDeep(page, `tr[data-id="${body.id}"] .badge.retrying`);
    assert.equal(await page.$eval(`>>> tr[data-id="${body.id}"] .badge.retrying`, (el) => el.textContent?.trim()), '알림 재시도 중 (웹훅)');
    const help = await page.$eval('>>> inbox-list >>> #notify-help', (el) => (el as HTMLElement).innerText);
    assert.match(help, /^웹훅 알림을 보내지 못한/);
    assert.doesNotMatch(help, /메일 알림|SMTP/);
    await page.click(`>>> tr[data-id="${body.id}"] td.name a`);
    await waitDeep(page, 'p.notify-help');
    const error = await page.$eval('>>> inbox-detail >>> section[aria-labelledby=notify-title] tbody td:last-child', (el) => (el as HTMLElement).innerText.trim());
    assert.equal(error, '웹훅 서버에 연결할 수 없습니다. 주소가 틀렸거나 서버가 꺼져 있습니다. (ECONNREFUSED)');
  });

  it('logs out back to the login page', async () => {
    const page = await loggedIn();
    await page.click('>>> #logout');
    await waitDeep(page, '#email');
    assert.equal(new URL(page.url()).pathname, '/login');
    await page.goto(`${app.url}/inbox`);
    await waitDeep(page, '#email');
  });
});

describe('staff inbox left open (sqlite)', { timeout: 60_000 }, () => {
  // Longer than two of the list's polls (POLL_MS), so that it fetches the new inquiry meanwhile.
  const IDLE_MS = 7000;
  let app: TestApp;
  let browser: Browser;
  before(async () => {
    ensureInboxBuilt();
    app = await startApp('sqlite', { env: { SESSION_IDLE_MS: String(IDLE_MS) } });
    await addSiteWithStaff(app, 'clinic', 'nurse@clinic.example');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('returns to the login by itself once nobody has done anything for the idle time, though the list goes on polling', async () => {
    assert.equal((await post(app.url, inquiry({ fields: { name: '자리비움환자', phone: '010-9100-0000' } }))).status, 201);
    const page = await (await browser.createBrowserContext()).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${app.url}/login`);
    await page.waitForFunction(() => document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-login')?.shadowRoot?.querySelector('#email'));
    await page.type('>>> #email', 'nurse@clinic.example');
    await page.type('>>> #password', PASSWORD);
    await page.click('>>> form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-list')?.shadowRoot?.querySelector('tbody tr[data-id]'));
    const shownAt = Date.now();
    let polls = 0;
    const fetchedByItself: (string | undefined)[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path === '/inbox/api/version') polls++;
      if (path === '/inbox/api/inquiries/search') fetchedByItself.push(request.headers()['x-inbox-automatic']);
    });
    // A new inquiry arriving meanwhile is fetched by the list itself: no staff action either.
    assert.equal((await post(app.url, inquiry({ fields: { name: '새로온환자', phone: '010-9100-0001' } }))).status, 201);
    await page.waitForFunction(() => document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-login')?.shadowRoot?.querySelector('#login-notice'), { timeout: IDLE_MS + 15_000, polling: 200 });
    assert.ok(Date.now() - shownAt >= IDLE_MS - 500, 'not before the idle time');
    assert.ok(polls >= 1, 'the list polled meanwhile');
    assert.deepEqual(fetchedByItself, ['1'], 'the list fetched the new inquiry, marked as no staff action');
    assert.equal(await page.$('>>> inbox-list'), null, "no patient's inquiry is left on the screen");
    assert.equal(new URL(page.url()).pathname, '/login');
  });
});
