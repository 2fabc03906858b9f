/**
 * Receiving over real HTTP, on both engines: every answer the README promises an agency.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readConfig } from '../../server/config.js';
import { toFormBody } from '../../src/schema/form-encoding.js';
import { engines, inquiry, ORIGIN, post, startApp, type TestApp } from './helpers/receiver.js';

for (const engine of engines()) {
  describe(`receiving inquiries (${engine})`, () => {
    let app: TestApp;
    before(async () => {
      app = await startApp(engine, { env: { RATE_LIMIT_PER_IP: '1000', RATE_LIMIT_PER_SITE: '1000' } });
    });
    after(() => app.close());

    const stored = (id: string) =>
      app.store.db.selectFrom('inquiries').selectAll().where('site_id', '=', 'clinic').where('id', '=', id).execute();

    it('stores a valid inquiry and answers 201 with its id and the time it was received', async () => {
      const body = inquiry();
      const response = await post(app.url, body);
      assert.equal(response.status, 201);
      const answer = (await response.json()) as { id: string; receivedAt: string };
      assert.equal(answer.id, body.id);
      assert.ok(!Number.isNaN(Date.parse(answer.receivedAt)));
      const rows = await stored(body.id as string);
      assert.equal(rows.length, 1);
      assert.deepEqual(JSON.parse(rows[0].payload).fields, (body as { fields: unknown }).fields);
      assert.equal(rows[0].status, 'new');
      assert.equal(rows[0].phone_digits, ' 01012345678 ');
    });

    it('stores the labels of the clinic\'s own fields sent, and none of preset fields, fields not sent, or blank ones', async () => {
      const base = inquiry() as { fields: Record<string, unknown> };
      const body = { ...base, fields: { ...base.fields, visit: '오전', mobile: '010-2000-3000' }, labels: { visit: '방문 희망', mobile: ' ', phone: '이름', ghost: '없는 칸', name: '성함' } };
      assert.equal((await post(app.url, body)).status, 201);
      assert.deepEqual(JSON.parse((await stored((body as unknown as { id: string }).id))[0].payload).labels, { visit: '방문 희망' });
      const none = { ...base, id: `t-${Date.now()}-labels`, labels: { phone: '이름' } };
      assert.equal((await post(app.url, none)).status, 201);
      assert.equal(JSON.parse((await stored(none.id))[0].payload).labels, undefined);
    });

    it("stores the form's title the clinic gave it, and none that is blank", async () => {
      const base = inquiry() as Record<string, unknown>;
      const titled = { ...base, id: `t-${Date.now()}-title`, formTitle: '봄 이벤트 상담' };
      assert.equal((await post(app.url, titled)).status, 201);
      assert.equal(JSON.parse((await stored(titled.id))[0].payload).formTitle, '봄 이벤트 상담');
      const blank = { ...base, id: `t-${Date.now()}-blank-title`, formTitle: '  ' };
      assert.equal((await post(app.url, blank)).status, 201);
      assert.equal(JSON.parse((await stored(blank.id))[0].payload).formTitle, undefined);
      const long = { ...base, id: `t-${Date.now()}-long-title`, formTitle: '가'.repeat(101) };
      assert.equal((await post(app.url, long)).status, 400, 'at most 100 characters, as the configuration allows');
    });

    it('stores the visit’s landing page, its referrer and campaign (page.landing, page.utm) and refuses unknown campaign keys', async () => {
      const base = inquiry() as { page: Record<string, unknown> };
      const page = { ...base.page, landing: 'https://clinic.example/?utm_source=naver&gclid=g1', landingReferrer: 'https://search.naver.com/', utm: { source: 'naver', gclid: 'g1' } };
      const body = { ...base, page };
      assert.equal((await post(app.url, body)).status, 201);
      const saved = JSON.parse((await stored((body as unknown as { id: string }).id))[0].payload);
      assert.deepEqual(saved.page.utm, { source: 'naver', gclid: 'g1' });
      assert.equal(saved.page.landing, 'https://clinic.example/?utm_source=naver&gclid=g1');
      const odd = { ...(inquiry() as object), page: { ...base.page, utm: { fbclid: 'x' } } };
      assert.equal((await post(app.url, odd)).status, 400);
    });

    it('stores the full consent record and widgetVersion, still takes an older widget\'s consent, and refuses a false sensitive or age14', async () => {
      const consent = { privacy: true, sensitive: true, marketing: false, age14: true, policyVersion: 'builtin-2026-11', noticeHash: 'ab'.repeat(32), agreedAt: '2026-11-25T10:00:00.000Z' };
      const full = inquiry({ consent, widgetVersion: '0.1.0' });
      assert.equal((await post(app.url, full)).status, 201);
      const payload = JSON.parse((await stored(full.id as string))[0].payload);
      assert.deepEqual(payload.consent, consent);
      assert.equal(payload.widgetVersion, '0.1.0');
      const form = await fetch(`${app.url}/v1/sites/clinic/inquiries`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        body: toFormBody(inquiry({ consent, widgetVersion: '0.1.0' })),
      });
      assert.equal(form.status, 201, 'the form encoding decodes sensitive and age14 as booleans');
      assert.equal((await post(app.url, inquiry())).status, 201, 'an older widget sends neither noticeHash nor widgetVersion');
      for (const bad of [{ sensitive: false }, { age14: false }, { noticeHash: 'not-a-hash' }]) {
        assert.equal((await post(app.url, inquiry({ consent: { ...consent, ...bad } }))).status, 400, JSON.stringify(bad));
      }
    });

    it('stores an inquiry with a NUL character in its text on either engine, without the character', async () => {
      const body = inquiry({ fields: { name: '홍\u0000길동', phone: '010-1234-5678', message: '문의\u0000합니다' } });
      const response = await post(app.url, body);
      assert.equal(response.status, 201);
      const [row] = await stored(body.id as string);
      assert.deepEqual(JSON.parse(row.payload).fields, { name: '홍길동', phone: '010-1234-5678', message: '문의합니다' });
      assert.equal((await post(app.url, body)).status, 200, 'a retry is the same inquiry');
    });

    it('keeps no direction override or mark from a client other than the widget: staff see the number that is stored, searched and deleted', async () => {
      // U+202E before "8765" shows "010-1234-5678" on screen; the digits stored would be 01012348765.
      const body = inquiry({ fields: { name: '\u202e동길홍', phone: '010-1234-\u202e8765', message: '\u200f문의\u2066합니다\u2069\u061c' } });
      assert.equal((await post(app.url, body)).status, 201);
      const [row] = await stored(body.id as string);
      assert.deepEqual(JSON.parse(row.payload).fields, { name: '동길홍', phone: '010-1234-8765', message: '문의합니다' });
      assert.equal(row.phone_digits, ' 01012348765 ');
      assert.equal(row.name, '동길홍');
    });

    it('answers a body nested thousands deep with 400, not a 500 from a stack overflow', async () => {
      const deep = `${'{"a":'.repeat(2500)}1${'}'.repeat(2500)}`;
      assert.equal((await post(app.url, JSON.parse(deep))).status, 400);
      const nested = { ...inquiry(), fields: { name: '홍길동', phone: '010-1234-5678', message: JSON.parse(`${'{"a":'.repeat(50)}1${'}'.repeat(50)}`) } };
      assert.equal((await post(app.url, nested)).status, 400);
    });

    it('takes a form id of letters, digits, "-" and "_" only: it is shown in notifications', async () => {
      for (const form of ['x Subject: hi', 'evil.example', '<!channel>', '', 'a'.repeat(65)]) {
        const response = await post(app.url, inquiry({ form }));
        assert.equal(response.status, 400, form);
        assert.deepEqual(((await response.json()) as { issues: { path: string }[] }).issues.map((i) => i.path), ['form']);
      }
      for (const form of ['consult', 'event_2026', 'Hair-Line', 'constructor']) assert.equal((await post(app.url, inquiry({ form }))).status, 201, form);
    });

    it('answers a repeat of the same inquiry with 200 and the first answer, storing it once', async () => {
      const body = inquiry();
      const first = await (await post(app.url, body)).json();
      // A retry carries new timestamps and timing; it is still the same inquiry.
      const retry = await post(app.url, { ...body, submittedAt: '2026-11-25T10:01:00.000Z', antispam: { honeypot: '', elapsedMs: 60_000 } });
      assert.equal(retry.status, 200);
      assert.deepEqual(await retry.json(), first);
      assert.equal((await stored(body.id as string)).length, 1);
    });

    it('refuses the same id with other content with 409 and keeps the first', async () => {
      const body = inquiry();
      await post(app.url, body);
      const changed = await post(app.url, { ...body, fields: { name: '홍길동', phone: '010-9999-8888' } });
      assert.equal(changed.status, 409);
      const rows = await stored(body.id as string);
      assert.equal(rows.length, 1);
      assert.equal(rows[0].phone_digits, ' 01012345678 ');
    });

    it('stores 50 simultaneous copies of one inquiry once', async () => {
      const body = inquiry();
      const answers = await Promise.all(Array.from({ length: 50 }, () => post(app.url, body)));
      const statuses = answers.map((a) => a.status).sort();
      assert.equal(statuses.filter((s) => s === 201).length, 1);
      assert.equal(statuses.filter((s) => s === 200).length, 49);
      assert.equal((await stored(body.id as string)).length, 1);
    });

    it('answers 400 with the field errors for an invalid inquiry, storing nothing', async () => {
      const body = inquiry({ fields: { name: '홍길동', phone: '12' } });
      const response = await post(app.url, body);
      assert.equal(response.status, 400);
      const answer = (await response.json()) as { issues: { path: string }[] };
      assert.ok(answer.issues.some((i) => i.path === 'fields.phone'));
      assert.equal((await stored(body.id as string)).length, 0);
    });

    it('answers 400 when the Idempotency-Key names another inquiry', async () => {
      const body = inquiry();
      const response = await post(app.url, body, { headers: { 'idempotency-key': 'someone-else' } });
      assert.equal(response.status, 400);
    });

    it('answers 400 for a body that is not JSON, without echoing it', async () => {
      const response = await post(app.url, '{"name":"홍길동 010-1234-5678"');
      assert.equal(response.status, 400);
      assert.doesNotMatch(await response.text(), /홍길동/);
    });

    it('accepts the form-encoded body the widget can send', async () => {
      const body = inquiry();
      const response = await post(app.url, toFormBody(body), { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(response.status, 201);
      const [row] = await stored(body.id as string);
      assert.deepEqual(JSON.parse(row.payload).consent, (body as { consent: unknown }).consent);
    });

    it('accepts a form-encoded inquiry from a form without fields', async () => {
      const body = inquiry({ fields: {} });
      const response = await post(app.url, toFormBody(body), { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(response.status, 201);
    });

    it('refuses a form body whose keys collide or climb the prototype', async () => {
      for (const text of ['id=aaaaaaaa1&id=bbbbbbbbb2', '__proto__.polluted=1&id=aaaaaaaa3', 'constructor.prototype.x=1']) {
        const response = await post(app.url, text, { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        assert.equal(response.status, 400);
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });

    it('answers 413 over 16 KB, 415 for other content types, 404 for an unknown site', async () => {
      const big = inquiry({ fields: { name: '홍길동', phone: '010-1234-5678', message: '가'.repeat(6000) } });
      assert.equal((await post(app.url, big)).status, 413);
      assert.equal((await post(app.url, 'hello', { headers: { 'content-type': 'text/plain' } })).status, 415);
      for (const site of ['nobody', 'CLINIC', '..%2Fclinic', 'clinic%00']) assert.equal((await post(app.url, inquiry(), { site })).status, 404, site);
      // A path that is not even valid percent-encoding: Fastify refuses it as a bad request.
      assert.equal((await post(app.url, inquiry(), { site: '%E0' })).status, 400);
    });

    it('answers every preflight without credentials, so a page the site does not list can read its refusal', async () => {
      const preflight = (origin: string, site = 'clinic') =>
        fetch(`${app.url}/v1/sites/${site}/inquiries`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
        });
      for (const [origin, site] of [[ORIGIN, 'clinic'], ['https://www.clinic.example', 'clinic'], [ORIGIN, 'clinik']]) {
        const answer = await preflight(origin, site);
        assert.equal(answer.status, 204);
        assert.equal(answer.headers.get('access-control-allow-origin'), origin);
        assert.match(answer.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/i);
        assert.equal(answer.headers.get('access-control-allow-credentials'), null);
      }
      // The inbox and its login are the receiver's own pages: no other page may call them.
      for (const path of ['/login', '/inbox/api/password', '/inbox/api/inquiries', '/healthz']) {
        const answer = await fetch(`${app.url}${path}`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
        assert.equal(answer.headers.get('access-control-allow-origin'), null, path);
      }
    });

    it('takes the endpoint with a trailing slash as the same one, and answers a post to a wrong path with a 404 the page can read, naming the expected form', async () => {
      const preflight = (path: string, headers: Record<string, string> = {}) =>
        fetch(`${app.url}${path}`, {
          method: 'OPTIONS',
          headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key', ...headers },
        });
      const postTo = (path: string, body: Record<string, unknown>) =>
        fetch(`${app.url}${path}`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json', 'idempotency-key': body.id as string }, body: JSON.stringify(body) });

      const slashed = await preflight('/v1/sites/clinic/inquiries/');
      assert.equal(slashed.status, 204);
      assert.equal(slashed.headers.get('access-control-allow-origin'), ORIGIN);
      assert.equal(slashed.headers.get('access-control-allow-credentials'), null);
      const body = inquiry();
      const created = await postTo('/v1/sites/clinic/inquiries/', body);
      assert.equal(created.status, 201);
      assert.equal(created.headers.get('access-control-allow-origin'), ORIGIN);
      assert.equal((await stored(body.id as string)).length, 1);
      assert.equal((await post(app.url, body)).status, 200, 'the same endpoint: the same inquiry again');

      // Were these preflights refused, the widget would read a network failure and keep the
      // inquiry for retries that never succeed; answered, the post gets a 404 it can show.
      for (const path of ['/v1/sites/CLINIC/inquiries', '/v1/sites/CLINIC/inquiries/', '/sites/clinic/inquiries', '/sites/clinic/inquiries/', '/v1/sites/clinic', '/v1/sites/clinic/inquiry', '/v1/sites/clinic/inquiries/extra']) {
        const asked = await preflight(path);
        assert.equal(asked.status, 204, path);
        assert.equal(asked.headers.get('access-control-allow-origin'), ORIGIN, path);
        assert.equal(asked.headers.get('access-control-allow-credentials'), null, path);
        const wrong = inquiry();
        const answer = await postTo(path, wrong);
        assert.equal(answer.status, 404, path);
        assert.equal(answer.headers.get('access-control-allow-origin'), ORIGIN, path);
        assert.equal(answer.headers.get('access-control-allow-credentials'), null, path);
        const { error } = (await answer.json()) as { error: string };
        assert.match(error, /\/v1\/sites\/<site-id>\/inquiries/, path);
        assert.equal((await stored(wrong.id as string)).length, 0, path);
      }
      // The widget's HEAD, asking why posts never got an answer: readable at the endpoint, so a
      // dropped connection is not taken for a wrong address on the console.
      for (const path of ['/v1/sites/clinic/inquiries', '/v1/sites/clinic/inquiries/']) {
        const head = await fetch(`${app.url}${path}`, { method: 'HEAD', headers: { origin: 'https://elsewhere.example' } });
        assert.equal(head.status, 204, path);
        assert.equal(head.headers.get('access-control-allow-origin'), 'https://elsewhere.example', path);
        assert.equal(head.headers.get('access-control-allow-credentials'), null, path);
      }
      const upper = (await (await postTo('/v1/sites/CLINIC/inquiries', inquiry())).json()) as { error: string };
      assert.match(upper.error, /lower-case/);

      // The inquiries API answers only its token's holder: no page may read it, nor send the token.
      const api = await preflight('/v1/sites/clinic/inquiries', { 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' });
      assert.doesNotMatch(api.headers.get('access-control-allow-headers') ?? '', /authorization/i);
      assert.doesNotMatch(api.headers.get('access-control-allow-methods') ?? '', /GET/);
      const read = await fetch(`${app.url}/v1/sites/clinic/inquiries`, { headers: { origin: ORIGIN, authorization: 'Bearer cwr_nothing' } });
      assert.equal(read.status, 401);
      assert.equal(read.headers.get('access-control-allow-origin'), null);
      for (const path of ['/inbox/api/inquiries/search', '/logout', '/inbox/', '/sites/clinic']) {
        const answer = await preflight(path);
        assert.equal(answer.headers.get('access-control-allow-origin'), null, path);
      }
    });

    it('refuses a POST from another origin with a 403 the page can read, and stores nothing', async () => {
      const body = inquiry();
      const response = await post(app.url, body, { origin: 'https://evil.example' });
      assert.equal(response.status, 403);
      assert.equal(response.headers.get('access-control-allow-origin'), 'https://evil.example');
      assert.equal((await stored(body.id as string)).length, 0);
      assert.equal((await post(app.url, inquiry(), { origin: 'null' })).status, 403);
      const nowhere = await post(app.url, inquiry(), { site: 'clinik' });
      assert.equal(nowhere.status, 404);
      assert.equal(nowhere.headers.get('access-control-allow-origin'), ORIGIN);
    });

    it('answers a filled honeypot or a too-fast send normally, and files it as spam', async () => {
      const trap = inquiry({ antispam: { honeypot: 'https://spam.example', elapsedMs: 40_000 } });
      const fast = inquiry({ antispam: { honeypot: '', elapsedMs: 400 } });
      assert.equal((await post(app.url, trap)).status, 201);
      assert.equal((await post(app.url, fast)).status, 201);
      for (const body of [trap, fast]) {
        const [row] = await stored(body.id as string);
        assert.equal(row.spam, 1);
        assert.equal(row.status, 'spam');
      }
      const [human] = await stored(((await (await post(app.url, inquiry())).json()) as { id: string }).id);
      assert.equal(human.spam, 0);
      // Autofill: name and number in one tap, the box ticked, sent within seconds. A patient.
      const autofilled = inquiry({ antispam: { honeypot: '', elapsedMs: 1800 } });
      assert.equal((await post(app.url, autofilled)).status, 201);
      const [quick] = await stored(autofilled.id as string);
      assert.deepEqual([quick.spam, quick.status], [0, 'new']);
    });

    it('answers GET /healthz with the engine in use', async () => {
      const response = await fetch(`${app.url}/healthz`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ok', engine, notifications: { retrying: 0, failedLastDay: 0 } });
    });
  });

  describe(`rate limits (${engine})`, () => {
    it('answers 429 with Retry-After past the per-IP limit', async () => {
      const app = await startApp(engine, { env: { RATE_LIMIT_PER_IP: '3', RATE_LIMIT_PER_SITE: '1000' } });
      try {
        const statuses = [];
        for (let i = 0; i < 4; i++) statuses.push((await post(app.url, inquiry())).status);
        assert.deepEqual(statuses, [201, 201, 201, 429]);
        const limited = await post(app.url, inquiry());
        assert.ok(Number(limited.headers.get('retry-after')) > 0);
        // A browser lets the widget read Retry-After across origins only when it is exposed.
        assert.match(limited.headers.get('access-control-expose-headers') ?? '', /Retry-After/i);
        assert.equal(limited.headers.get('access-control-allow-origin'), ORIGIN);
      } finally {
        await app.close();
      }
    });

    it('counts the per-IP limit of an IPv6 client by its /64, which one home or phone holds whole', async () => {
      const app = await startApp(engine, { env: { RATE_LIMIT_PER_IP: '2', RATE_LIMIT_PER_SITE: '1000', TRUST_PROXY: '127.0.0.1' } });
      try {
        const from = (address: string) => post(app.url, inquiry(), { headers: { 'x-forwarded-for': address } });
        const statuses = [];
        for (const address of ['2001:db8:1:2::a', '2001:db8:1:2:ffff::b', '2001:0db8:0001:0002::c']) statuses.push((await from(address)).status);
        assert.deepEqual(statuses, [201, 201, 429], 'three addresses of one /64');
        assert.equal((await from('2001:db8:1:3::a')).status, 201, 'the next /64 is another client');
        assert.equal((await from('203.0.113.7')).status, 201, 'IPv4 as it is');
      } finally {
        await app.close();
      }
    });

    it('behind one proxy (TRUST_PROXY=1, as README deploys it) counts each patient by the address the proxy saw, not the proxy\'s', async () => {
      const app = await startApp(engine, { env: { RATE_LIMIT_PER_IP: '2', RATE_LIMIT_PER_SITE: '1000', TRUST_PROXY: '1' } });
      try {
        // The proxy appends the address it saw; what the client wrote before it is not believed.
        const via = (forwarded: string) => post(app.url, inquiry(), { headers: { 'x-forwarded-for': forwarded } });
        const statuses = [];
        for (const patient of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']) statuses.push((await via(patient)).status);
        assert.deepEqual(statuses, [201, 201, 201, 201], 'four patients behind the proxy are four addresses');
        const spoofing = [];
        for (const made of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) spoofing.push((await via(`${made}, 203.0.113.9`)).status);
        assert.deepEqual(spoofing, [201, 201, 429], 'one patient who writes other addresses before the proxy\'s is still one');
      } finally {
        await app.close();
      }
    });

    it('believes a hop count only from a proxy on a loopback or private address, never from a client that reaches it directly', () => {
      const trust = readConfig({ TRUST_PROXY: '1' }).trustProxy as (address: string, hop: number) => boolean;
      for (const proxy of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.0.0.5', '172.20.1.1', '192.168.1.10', 'fd12:3456::1']) assert.equal(trust(proxy, 0), true, proxy);
      for (const client of ['203.0.113.7', '172.32.0.1', '8.8.8.8', '2001:db8::1', '::ffff:203.0.113.7']) assert.equal(trust(client, 0), false, client);
      assert.equal(trust('10.0.0.9', 1), false, 'one proxy: the address it saw is the patient');
      assert.equal((readConfig({ TRUST_PROXY: '2' }).trustProxy as (a: string, h: number) => boolean)('10.0.0.9', 1), true);
    });

    it('answers 429 past the per-site limit, whatever the address', async () => {
      const app = await startApp(engine, { env: { RATE_LIMIT_PER_IP: '1000', RATE_LIMIT_PER_SITE: '2', TRUST_PROXY: 'true' } });
      try {
        const from = (ip: string) => post(app.url, inquiry(), { headers: { 'x-forwarded-for': ip } });
        assert.equal((await from('203.0.113.1')).status, 201);
        assert.equal((await from('203.0.113.2')).status, 201);
        const third = await from('203.0.113.3');
        assert.equal(third.status, 429);
        assert.ok(third.headers.get('retry-after'));
      } finally {
        await app.close();
      }
    });
  });
}
