/**
 * GET /v1/sites/<siteId>/inquiries with a bearer token, over real HTTP on both engines, and the
 * CSV both exports share: Excel-ready (BOM, CRLF, quoted) with formula cells neutralised.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { engines, inquiry, post, startApp, type TestApp } from './helpers/receiver.js';
import { addSiteWithStaff } from './helpers/staff.js';
import { addSite } from '../../server/domain/sites.js';
import { addToken, tokenActor } from '../../server/domain/tokens.js';
import { CLI } from '../../server/domain/access-log.js';
import { csvCell, csvRow, exportFileName, koreanTime, phoneCell, toCsv, type ExportedInquiry } from '../../server/domain/csv.js';
import { formsOf, MAX_FORMS } from '../../server/domain/inbox.js';

describe('CSV cells', () => {
  it('quotes every cell, doubles quotes, and neutralises formula starts', () => {
    assert.equal(csvCell('홍길동'), '"홍길동"');
    assert.equal(csvCell('say "hi", ok'), '"say ""hi"", ok"');
    for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.equal(csvCell(`${start}1+1`), `"'${start}1+1"`);
    assert.equal(csvCell(null), '""');
    assert.equal(toCsv(['a', 'b'], [['1', '줄\n바꿈']]), '\uFEFF"a","b"\r\n"1","줄\n바꿈"\r\n');
  });

  it('writes phone numbers as text Excel keeps: a Korean one with its dashes, a foreign one without an apostrophe showing', () => {
    // Stored as digits, a number Excel read as 1098765432.
    assert.equal(csvCell(phoneCell('01098765432')), '"010-9876-5432"');
    assert.equal(csvCell(phoneCell('010 9876 5432')), '"010-9876-5432"');
    assert.equal(csvCell(phoneCell('+82 10-9876-5432')), '"010-9876-5432"');
    assert.equal(csvCell(phoneCell('0212345678')), '"02-1234-5678"');
    assert.equal(csvCell(phoneCell('031-123-4567')), '"031-123-4567"');
    assert.equal(csvCell(phoneCell('050512345678')), '"0505-1234-5678"');
    // A string literal Excel shows as the number; its quotes doubled as CSV asks.
    assert.equal(csvCell(phoneCell('+81 90-1234-5678')), '"=""+81 90-1234-5678"""');
    assert.equal(csvCell(phoneCell('+44 (0)20 7946 0958')), '"=""+44 (0)20 7946 0958"""');
    // Typed with full-width signs it is a number too, but not one written into a formula as typed.
    assert.equal(csvCell(phoneCell('＋８１ ９０－１２３４－５６７８')), '"＋８１ ９０－１２３４－５６７８"');
    // Any field that holds a number (a clinic's own "mobile"), not only `phone`; other text as before.
    const item = {
      id: 'x',
      receivedAt: '2026-11-27T00:00:00.000Z',
      form: 'consult',
      status: 'new',
      spam: false,
      payload: {
        fields: { name: '+홍길동', phone: '01098765432', mobile: '+1 415 555 0100', message: '+82 10 이라고 적음' },
        consent: { privacy: true, policyVersion: 'v', agreedAt: '' },
        page: { url: '', referrer: '', title: '' },
        locale: 'ko',
        submittedAt: '',
      },
    } satisfies ExportedInquiry;
    const row = csvRow(item, ['name', 'phone', 'message', 'mobile']);
    assert.ok(row.startsWith(`"x","2026-11-27T00:00:00.000Z","consult","new","0","'+홍길동","010-9876-5432","'+82 10 이라고 적음","=""+1 415 555 0100""",`), row);
  });

  it("dates the inbox export's file by Korea's day, not UTC's", () => {
    // 20:00 UTC on the 27th is 05:00 on the 28th in Seoul.
    assert.equal(exportFileName('clinic', new Date('2026-11-27T20:00:00.000Z')), 'inquiries-clinic-2026-11-28.csv');
    assert.equal(exportFileName('clinic', new Date('2026-11-27T14:59:59.000Z')), 'inquiries-clinic-2026-11-27.csv');
  });
});

for (const engine of engines()) {
  describe(`inquiries API (${engine})`, () => {
    let app: TestApp;
    let token: string;
    let otherToken: string;
    const ids: string[] = [];
    before(async () => {
      app = await startApp(engine, { env: { RATE_LIMIT_PER_IP: '1000', RATE_LIMIT_PER_SITE: '1000' } });
      await addSiteWithStaff(app, 'other', 'b@other.example');
      token = await addToken(app.store, 'clinic', CLI);
      otherToken = await addToken(app.store, 'other', CLI);
      const bodies = [
        inquiry({
          fields: { name: '첫째', phone: '010-1234-0001', message: '=HYPERLINK("http://evil.example","click")' },
          page: { url: 'https://clinic.example/', referrer: '', title: '하늘의원', landing: 'https://clinic.example/?gclid=g-123', landingReferrer: 'https://www.google.com/', utm: { source: 'google', gclid: 'g-123' } },
        }),
        inquiry({ form: 'spring', formTitle: '=봄 이벤트 상담', fields: { name: '+둘째', phone: '010-1234-0002', message: '-2+3' } }),
        inquiry({ fields: { name: '@셋째', phone: '010-1234-0003', message: '=1+1 수식으로 시작, "따옴표"\n둘째 줄' } }),
      ];
      for (const body of bodies) {
        assert.equal((await post(app.url, body)).status, 201);
        ids.push(body.id as string);
        // Distinct arrival times, so "newest first" has one right answer.
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await post(app.url, inquiry(), { site: 'other', origin: 'https://other.example' });
    });
    after(() => app.close());

    const get = (path: string, auth?: string) => fetch(`${app.url}${path}`, { headers: auth ? { authorization: auth } : {} });

    it('answers 401 without a token or with an unknown one', async () => {
      const none = await get('/v1/sites/clinic/inquiries');
      assert.equal(none.status, 401);
      assert.match(none.headers.get('www-authenticate') ?? '', /Bearer/);
      assert.equal((await get('/v1/sites/clinic/inquiries', 'Bearer cwr_unknown')).status, 401);
      assert.equal((await get('/v1/sites/clinic/inquiries', `Basic ${token}`)).status, 401);
    });

    it("answers 403 to another site's token", async () => {
      const response = await get('/v1/sites/clinic/inquiries', `Bearer ${otherToken}`);
      assert.equal(response.status, 403);
      assert.doesNotMatch(await response.text(), /첫째/);
    });

    it('answers JSON, newest first, with fields, consent and page', async () => {
      const response = await get('/v1/sites/clinic/inquiries', `Bearer ${token}`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const body = (await response.json()) as { inquiries: { id: string; fields: Record<string, string>; consent: { policyVersion: string }; page: { url: string }; status: string }[] };
      assert.deepEqual(body.inquiries.map((i) => i.id), [...ids].reverse());
      assert.equal(body.inquiries[2].fields.name, '첫째');
      assert.equal(body.inquiries[0].consent.policyVersion, 'builtin-2026-11');
      assert.equal(body.inquiries[0].page.url, 'https://clinic.example/hair');
      assert.equal(body.inquiries[0].status, 'new');
    });

    it('says when older inquiries match than a limited answer holds (JSON "more", and an X-More-Inquiries header)', async () => {
      const short = await get('/v1/sites/clinic/inquiries?limit=2', `Bearer ${token}`);
      const body = (await short.json()) as { more: boolean; inquiries: { id: string }[] };
      assert.deepEqual(body.inquiries.map((i) => i.id), [ids[2], ids[1]]);
      assert.equal(body.more, true);
      assert.equal(short.headers.get('x-more-inquiries'), 'true');
      const csv = await get('/v1/sites/clinic/inquiries?limit=2&format=csv', `Bearer ${token}`);
      assert.equal(csv.headers.get('x-more-inquiries'), 'true');
      const whole = await get('/v1/sites/clinic/inquiries?limit=3', `Bearer ${token}`);
      assert.equal(((await whole.json()) as { more: boolean }).more, false);
      assert.equal(whole.headers.get('x-more-inquiries'), null);
    });

    it('pages with before=<next> without losing inquiries that arrived in the same millisecond', async () => {
      await addSite(app.store, { id: 'paging', name: 'paging', origins: ['https://paging.example'] });
      const pagingToken = await addToken(app.store, 'paging', CLI);
      const sent: string[] = [];
      for (let i = 0; i < 7; i++) {
        const body = inquiry();
        assert.equal((await post(app.url, body, { site: 'paging', origin: 'https://paging.example' })).status, 201);
        sent.push(body.id as string);
      }
      // Several processes under load give many inquiries one timestamp; here all seven share one.
      await app.store.db.updateTable('inquiries').set({ received_at: '2026-11-26T09:00:00.000Z' }).where('site_id', '=', 'paging').execute();
      const seen: string[] = [];
      let before = '';
      for (let page = 0; page < 10; page++) {
        const answer = await get(`/v1/sites/paging/inquiries?limit=2${before ? `&before=${encodeURIComponent(before)}` : ''}`, `Bearer ${pagingToken}`);
        const body = (await answer.json()) as { more: boolean; next?: string; inquiries: { id: string }[] };
        seen.push(...body.inquiries.map((i) => i.id));
        assert.equal(answer.headers.get('x-next-before'), body.next ?? null);
        if (!body.more) break;
        before = body.next!;
      }
      assert.equal(seen.length, 7, 'each once');
      assert.deepEqual([...seen].sort(), [...sent].sort());
    });

    it('answers a repeated, out-of-range or NUL-bearing parameter as it would a missing one, never with a 500', async () => {
      for (const query of ['q=a&q=b', 'form=a&form=b', 'limit=-5', 'limit=1e400', 'q=%00', 'form=%00x', 'before=%00', 'before=x,y', 'format=csv&format=json']) {
        const answer = await get(`/v1/sites/clinic/inquiries?${query}`, `Bearer ${token}`);
        assert.equal(answer.status, 200, query);
      }
      const all = (await (await get('/v1/sites/clinic/inquiries?limit=-5', `Bearer ${token}`)).json()) as { inquiries: unknown[] };
      assert.ok(all.inquiries.length >= 3, 'limit=-5 is no limit given, not "everything" by accident nor an error');
    });

    it('answers ?format=csv as UTF-8 CSV with a BOM, CRLF lines, quoted cells and neutralised formulas', async () => {
      const response = await get('/v1/sites/clinic/inquiries?format=csv', `Bearer ${token}`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
      const bytes = new Uint8Array(await response.arrayBuffer());
      assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      assert.ok(text.startsWith('\uFEFF"id","received_at",'));
      assert.ok(text.endsWith('\r\n'));
      assert.match(text, /"'=HYPERLINK\(""http:\/\/evil\.example"",""click""\)"/);
      assert.match(text, /"'\+둘째"/);
      assert.match(text, /"'-2\+3"/);
      assert.match(text, /"'@셋째"/);
      assert.match(text, /"'=1\+1 수식으로 시작, ""따옴표""\n둘째 줄"/);
      // Rows are CRLF-separated; the line break inside a message stays a bare LF inside quotes.
      const rows = text.slice(1).split('\r\n').filter(Boolean);
      assert.equal(rows.length, 4);
      assert.ok(rows[1].startsWith(`"${ids[2]}"`));
      assert.ok(rows.every((row) => row.startsWith('"')));
      assert.doesNotMatch(text, /"=|"\+|"-|"@/);
      // Campaign data of the visit, Google Ads' click id included, each in a column of its own.
      const header = rows[0].split('","');
      const first = rows.find((row) => row.startsWith(`"${ids[0]}"`))!;
      assert.ok(header.includes('utm.gclid') && header.includes('page.landing_referrer'), rows[0]);
      assert.match(first, /"g-123"/);
      assert.match(first, /"https:\/\/www\.google\.com\/"/);
      // Staff read times in Korea's (an inquiry of 08:27 in Seoul is on the day before in UTC), and every consent box.
      const cells = (row: string) => row.slice(1, -1).split('","');
      const columns = cells(rows[0]);
      // Counted from the end: a message with "," in it splits into more pieces here.
      const at = (name: string, row: string) => cells(row).at(columns.indexOf(name) - columns.length);
      // Added at the end: consumers that read columns by position keep theirs.
      assert.deepEqual(columns.slice(-4), ['received_at_kst', 'consent.sensitive', 'consent.age14', 'form_title']);
      // The clinic's title of its form, a formula neutralised as any text.
      assert.equal(at('form_title', rows.find((row) => row.startsWith(`"${ids[1]}"`))!), "'=봄 이벤트 상담");
      assert.equal(at('form_title', first), '');
      assert.deepEqual(columns.slice(0, 5), ['id', 'received_at', 'form', 'status', 'spam']);
      const utc = cells(first)[1];
      assert.equal(at('received_at_kst', first), new Date(Date.parse(utc) + 9 * 3_600_000).toISOString().slice(0, 19).replace('T', ' '));
    });

    it('puts 08:27 in Seoul on its own day, not the day before in UTC', () => {
      assert.equal(koreanTime('2026-11-26T23:27:05.123Z'), '2026-11-27 08:27:05');
      assert.equal(koreanTime('not a time'), '');
    });

    it('writes each call to the access log under the token, without patient data', async () => {
      const rows = await app.store.db.selectFrom('access_log').selectAll().where('actor', '=', tokenActor(token)).execute();
      assert.ok(rows.some((r) => r.action === 'list' && r.site_id === 'clinic'));
      assert.ok(rows.some((r) => r.action === 'export' && /rows=3/.test(r.target)));
      assert.ok(rows.every((r) => !/첫째|둘째|010/.test(r.target) && r.ip));
      assert.ok(!rows.some((r) => r.actor.includes(token)));
    });
  });
}

for (const engine of engines()) {
  describe(`the form filter's forms (${engine})`, () => {
    let app: TestApp;
    before(async () => {
      app = await startApp(engine);
    });
    after(() => app.close());

    it('lists the 50 forms with the newest inquiries not filed as spam, by id, each titled by its newest inquiry, quickly whatever was sent', async () => {
      const at = (n: number) => new Date(Date.parse('2026-11-01T00:00:00.000Z') + n * 1000).toISOString();
      const row = (n: number, form: string, spam: number, formTitle?: string) => {
        const body = inquiry({ id: `f-${n}`, form, ...(formTitle ? { formTitle } : {}) });
        return { site_id: 'clinic', id: body.id as string, received_at: at(n), form, status: spam ? 'spam' : 'new', spam, content_hash: `h${n}`, payload: JSON.stringify(body), name: '', phone_digits: '' };
      };
      // A flood: 10,000 spam inquiries under 1,000 made-up form ids; then 60 real forms, the older title first.
      const rows = [
        ...Array.from({ length: 10_000 }, (_, n) => row(n, `spam${n % 1000}`, 1)),
        ...Array.from({ length: 60 }, (_, n) => row(20_000 + n, `form${String(n).padStart(2, '0')}`, 0, '옛 제목')),
        row(30_000, 'form59', 0, '새 제목'),
        row(30_001, 'form58', 0),
      ];
      for (let i = 0; i < rows.length; i += 500) await app.store.db.insertInto('inquiries').values(rows.slice(i, i + 500)).execute();
      const started = performance.now();
      const forms = await formsOf(app.store, 'clinic');
      const took = performance.now() - started;
      assert.ok(took < 1000, `${took.toFixed(0)} ms`);
      assert.equal(forms.length, MAX_FORMS);
      assert.deepEqual(forms.map((f) => f.id), Array.from({ length: 50 }, (_, n) => `form${n + 10}`), 'the newest 50, by id, no spam form');
      assert.deepEqual(forms.at(-1), { id: 'form59', title: '새 제목' });
      assert.deepEqual(forms.at(-2), { id: 'form58' }, 'its newest inquiry has no title');
    });
  });
}
