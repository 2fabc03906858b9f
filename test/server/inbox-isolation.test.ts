/**
 * Staff see only their own site, over real HTTP on both engines: list, search, view, status,
 * notes, export and patient deletion never reach another site's inquiries; another site's
 * inquiry id answers 404 as if it did not exist. Also the list's order and filters.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { engines, inquiry, post, startApp, type TestApp } from './helpers/receiver.js';
import { addSiteWithStaff, login, staffFetch, type StaffSession } from './helpers/staff.js';

for (const engine of engines()) {
  describe(`inbox site isolation and listing (${engine})`, () => {
    let app: TestApp;
    let a: StaffSession;
    let b: StaffSession;
    const ofA = inquiry({ fields: { name: '김에이', phone: '010-1111-2222', message: 'A의 문의' } });
    const ofB = inquiry({ fields: { name: '박비', phone: '010-3333-4444', message: 'B의 비밀' } });
    before(async () => {
      app = await startApp(engine, { env: { RATE_LIMIT_PER_IP: '1000', RATE_LIMIT_PER_SITE: '1000' } });
      await addSiteWithStaff(app, 'clinic', 'a@clinic.example');
      await addSiteWithStaff(app, 'other', 'b@other.example');
      assert.equal((await post(app.url, ofA)).status, 201);
      assert.equal((await post(app.url, ofB, { site: 'other', origin: 'https://other.example' })).status, 201);
      a = await login(app, 'a@clinic.example');
      b = await login(app, 'b@other.example');
    });
    after(() => app.close());

    it("lists and searches only the staff member's own site", async () => {
      const list = (await (await staffFetch(app, a, '/inbox/api/inquiries')).json()) as { items: { id: string }[] };
      assert.deepEqual(list.items.map((i) => i.id), [ofA.id]);
      const search = (await (await staffFetch(app, a, `/inbox/api/inquiries?q=${encodeURIComponent('박비')}`)).json()) as { items: unknown[] };
      assert.equal(search.items.length, 0);
      const byPhone = (await (await staffFetch(app, a, '/inbox/api/inquiries?q=3333')).json()) as { items: unknown[] };
      assert.equal(byPhone.items.length, 0);
      const own = (await (await staffFetch(app, b, '/inbox/api/inquiries?q=3333')).json()) as { items: { id: string }[] };
      assert.deepEqual(own.items.map((i) => i.id), [ofB.id]);
    });

    it("answers 404 for another site's inquiry: view, status, note", async () => {
      assert.equal((await staffFetch(app, a, `/inbox/api/inquiries/${ofB.id}`)).status, 404);
      assert.equal((await staffFetch(app, a, `/inbox/api/inquiries/${ofB.id}/status`, { body: { status: 'closed' } })).status, 404);
      assert.equal((await staffFetch(app, a, `/inbox/api/inquiries/${ofB.id}/notes`, { body: { text: '엿보기' } })).status, 404);
      const [row] = await app.store.db.selectFrom('inquiries').select('status').where('id', '=', ofB.id as string).execute();
      assert.equal(row.status, 'new');
      assert.equal((await app.store.db.selectFrom('inquiry_notes').selectAll().where('inquiry_id', '=', ofB.id as string).execute()).length, 0);
      assert.equal((await staffFetch(app, b, `/inbox/api/inquiries/${ofB.id}`)).status, 200);
    });

    it('answers 404 for an id no inquiry can have (U+0000, too long), and a list for odd parameters, never a 500', async () => {
      for (const id of ['%00abc', 'a'.repeat(65), 'a%20b']) {
        assert.equal((await staffFetch(app, a, `/inbox/api/inquiries/${id}`)).status, 404, id);
        assert.equal((await staffFetch(app, a, `/inbox/api/inquiries/${id}/status`, { body: { status: 'closed' } })).status, 404, id);
        assert.equal((await staffFetch(app, a, `/inbox/api/inquiries/${id}/notes`, { body: { text: '메모' } })).status, 404, id);
      }
      for (const query of ['offset=1e400', 'offset=-3', 'q=a&q=b', 'status=new&status=spam', 'q=%00', 'from=%00']) {
        assert.equal((await staffFetch(app, a, `/inbox/api/inquiries?${query}`)).status, 200, query);
        assert.equal((await staffFetch(app, a, `/inbox/api/export.csv?${query}`)).status, 200, query);
      }
    });

    it("exports only the staff member's own site", async () => {
      const csv = await (await staffFetch(app, a, '/inbox/api/export.csv')).text();
      assert.match(csv, /김에이/);
      assert.doesNotMatch(csv, /박비|B의 비밀/);
    });

    it("does not delete another site's patient", async () => {
      const response = await staffFetch(app, a, '/inbox/api/patients/delete', { body: { phone: '010-3333-4444' } });
      assert.deepEqual(await response.json(), { deleted: 0 });
      assert.equal((await app.store.db.selectFrom('inquiries').select('id').where('id', '=', ofB.id as string).execute()).length, 1);
    });

    it('lists newest first, with spam apart, filters by form, status and dates, and searches names literally', async () => {
      const session = await login(app, 'b@other.example');
      const first = inquiry({ form: 'event', fields: { name: '최100%_', phone: '010-5555-6666' } });
      const spam = inquiry({ fields: { name: '스팸봇', phone: '010-7777-8888' }, antispam: { honeypot: 'x', elapsedMs: 40_000 } });
      for (const body of [first, spam]) await post(app.url, body, { site: 'other', origin: 'https://other.example' });
      const get = async (query: string) =>
        ((await (await staffFetch(app, session, `/inbox/api/inquiries${query}`)).json()) as { items: { id: string }[]; total: number }).items.map((i) => i.id);
      assert.deepEqual(await get(''), [first.id, ofB.id]);
      assert.deepEqual(await get('?box=spam'), [spam.id]);
      assert.deepEqual(await get('?form=event'), [first.id]);
      await staffFetch(app, session, `/inbox/api/inquiries/${ofB.id}/status`, { body: { status: 'booked' } });
      assert.deepEqual(await get('?status=booked'), [ofB.id]);
      assert.deepEqual(await get(`?q=${encodeURIComponent('100%_')}`), [first.id]);
      assert.deepEqual(await get(`?q=${encodeURIComponent('%')}`), [first.id]);
      const future = new Date(Date.now() + 60_000).toISOString();
      assert.deepEqual(await get(`?from=${encodeURIComponent(future)}`), []);
      assert.deepEqual(await get(`?to=${encodeURIComponent(future)}`), [first.id, ofB.id]);
      // Marking spam as a real inquiry takes it out of the spam box.
      await staffFetch(app, session, `/inbox/api/inquiries/${spam.id}/status`, { body: { status: 'contacted' } });
      assert.deepEqual(await get('?box=spam'), []);
      assert.equal((await staffFetch(app, session, `/inbox/api/inquiries/${spam.id}/status`, { body: { status: 'deleted' } })).status, 400);
    });

    it('shows an inquiry with its notes, consent and the outbox rows of its notifications', async () => {
      const session = await login(app, 'a@clinic.example');
      await app.store.db
        .insertInto('outbox')
        .values({
          id: 'ob-1',
          site_id: 'clinic',
          inquiry_id: ofA.id as string,
          channel: 'email',
          state: 'failed',
          attempts: 8,
          next_attempt_at: new Date().toISOString(),
          locked_until: null,
          last_error: 'connect ECONNREFUSED',
          created_at: new Date().toISOString(),
          sent_at: null,
        })
        .execute();
      assert.equal((await staffFetch(app, session, `/inbox/api/inquiries/${ofA.id}/notes`, { body: { text: '오후에 다시 전화' } })).status, 201);
      const detail = (await (await staffFetch(app, session, `/inbox/api/inquiries/${ofA.id}`)).json()) as {
        notes: { text: string; author: string }[];
        notifications: { channel: string; state: string; attempts: number; lastError: string }[];
        notifyFailed: boolean;
        payload: { consent: { policyVersion: string }; page: { url: string } };
      };
      assert.deepEqual(detail.notes.map((n) => [n.text, n.author]), [['오후에 다시 전화', 'a@clinic.example']]);
      assert.deepEqual(
        detail.notifications.map((n) => [n.channel, n.state, n.attempts, n.lastError]),
        [['email', 'failed', 8, 'connect ECONNREFUSED']],
      );
      assert.equal(detail.notifyFailed, true);
      assert.equal(detail.payload.consent.policyVersion, 'builtin-2026-11');
      assert.equal(detail.payload.page.url, 'https://clinic.example/hair');
    });

    it('answers the version poll, which changes when an inquiry arrives', async () => {
      const version = async () => ((await (await staffFetch(app, a, '/inbox/api/version')).json()) as { version: string }).version;
      const before = await version();
      await post(app.url, inquiry());
      assert.notEqual(await version(), before);
    });

    it('counts, for a tab nobody looks at, the inquiries that arrived since a moment: its own site\'s, spam left out, and no read logged', async () => {
      const since = new Date(Date.now() - 1).toISOString();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await post(app.url, inquiry());
      await post(app.url, inquiry({ antispam: { honeypot: 'x', elapsedMs: 40_000 } }));
      await post(app.url, inquiry(), { site: 'other', origin: 'https://other.example' });
      const reads = async () => (await app.store.db.selectFrom('access_log').select('id').where('site_id', '=', 'clinic').execute()).length;
      const logged = await reads();
      const answer = async (query: string) => (await (await staffFetch(app, a, `/inbox/api/version${query}`)).json()) as { version: string; arrived?: number };
      assert.equal((await answer(`?since=${encodeURIComponent(since)}`)).arrived, 1);
      assert.equal((await answer(`?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).arrived, 0);
      for (const query of ['', '?since=yesterday', '?since=%00', '?since=a&since=b']) assert.equal((await answer(query)).arrived, undefined, query);
      assert.equal(await reads(), logged, 'a count is not a read of patients\' data');
    });
  });
}
