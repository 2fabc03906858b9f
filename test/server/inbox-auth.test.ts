/**
 * Staff login over real HTTP, on both engines: sessions, cookie flags, lock-out, the same
 * answer for unknown accounts, CSRF and Origin checks on changes, logout.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { engines, inquiry, post, startApp, type TestApp } from './helpers/receiver.js';
import { addSiteWithStaff, login, PASSWORD, postLogin, sessionCookieOf, staffFetch, type StaffSession } from './helpers/staff.js';
import { sha256 } from '../../server/domain/secrets.js';
import { readConfig } from '../../server/config.js';
import { MAX_FAILED_LOGINS, MAX_FAILED_LOGINS_ANYWHERE } from '../../server/domain/auth.js';
import { listStaff, resetPassword } from '../../server/domain/staff.js';
import { CLI } from '../../server/domain/access-log.js';
import { PASSWORD_CHANGES_PER_SESSION } from '../../server/routes/auth.js';

for (const engine of engines()) {
  describe(`staff login (${engine})`, () => {
    let app: TestApp;
    before(async () => {
      app = await startApp(engine);
      await addSiteWithStaff(app, 'clinic', 'nurse@clinic.example');
      await addSiteWithStaff(app, 'clinic', 'locked@clinic.example');
      await addSiteWithStaff(app, 'clinic', 'timing@clinic.example');
    });
    after(() => app.close());

    it('logs in with email and password and sets an HttpOnly, SameSite=Strict session cookie on path /', async () => {
      const response = await postLogin(app, 'Nurse@Clinic.example', PASSWORD);
      assert.equal(response.status, 200);
      const header = response.headers.getSetCookie().find((c) => c.startsWith('cw_session='))!;
      assert.match(header, /HttpOnly/i);
      assert.match(header, /SameSite=Strict/i);
      assert.match(header, /Path=\//);
      // On localhost the cookie must work over plain http; anywhere else it is Secure (below).
      assert.doesNotMatch(header, /Secure/i);
      const cookie = sessionCookieOf(response);
      const session = await fetch(`${app.url}/inbox/api/session`, { headers: { cookie } });
      assert.equal(session.status, 200);
      const body = (await session.json()) as { email: string; siteId: string; csrfToken: string };
      assert.equal(body.email, 'nurse@clinic.example');
      assert.equal(body.siteId, 'clinic');
      assert.ok(body.csrfToken.length >= 32);
    });

    it('stores only the SHA-256 of the session cookie', async () => {
      const response = await postLogin(app, 'nurse@clinic.example', PASSWORD);
      const value = sessionCookieOf(response).split('=')[1];
      const rows = await app.store.db.selectFrom('sessions').select('id_hash').execute();
      assert.ok(rows.some((r) => r.id_hash === sha256(value)));
      assert.ok(!rows.some((r) => r.id_hash === value));
    });

    it('answers an unknown email and a wrong password the same way, without a cookie', async () => {
      const unknown = await postLogin(app, 'nobody@clinic.example', PASSWORD);
      const wrong = await postLogin(app, 'nurse@clinic.example', 'not the password');
      assert.equal(unknown.status, 401);
      assert.equal(wrong.status, 401);
      assert.deepEqual(await unknown.json(), await wrong.json());
      assert.equal(unknown.headers.getSetCookie().length, 0);
      assert.equal(wrong.headers.getSetCookie().length, 0);
      // A good login resets the count, so this test's failure does not lock the next ones.
      await login(app, 'nurse@clinic.example');
    });

    it('answers an email or a note with U+0000 in it as any other, on both engines (PostgreSQL cannot hold it)', async () => {
      assert.equal((await postLogin(app, 'nobody@clinic.example\u0000', PASSWORD)).status, 401);
      const session = await login(app, 'nurse@clinic.example');
      const body = inquiry();
      assert.equal((await post(app.url, body)).status, 201);
      const id = body.id as string;
      const note = await staffFetch(app, session, `/inbox/api/inquiries/${id}/notes`, { body: { text: '전화\u0000 드림' } });
      assert.equal(note.status, 201);
      const [stored] = await app.store.db.selectFrom('inquiry_notes').select('text').where('inquiry_id', '=', id).execute();
      assert.equal(stored.text, '전화 드림');
      const empty = await staffFetch(app, session, `/inbox/api/inquiries/${id}/notes`, { body: { text: '\u0000\u0000 ' } });
      assert.equal(empty.status, 400, 'nothing left to note');
    });

    it('takes about as long for an unknown email as for a wrong password (a dummy hash is verified)', async () => {
      const time = async (email: string) => {
        const start = performance.now();
        await postLogin(app, email, 'not the password');
        return performance.now() - start;
      };
      const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)];
      await time('warm-up@clinic.example');
      const unknown: number[] = [];
      const known: number[] = [];
      // Three wrong passwords stay under the lock-out; interleaved so machine load hits both alike.
      for (let i = 0; i < 3; i++) {
        unknown.push(await time(`nobody${i}@clinic.example`));
        known.push(await time('timing@clinic.example'));
      }
      // Without the dummy hash an unknown email answers in a fraction of the time argon2 takes.
      assert.ok(median(unknown) > median(known) * 0.4, `unknown ${median(unknown).toFixed(1)} ms, wrong password ${median(known).toFixed(1)} ms`);
    });

    it(`locks an account for 15 minutes after ${MAX_FAILED_LOGINS} wrong passwords from one network, even for the right one, warning before the last`, async () => {
      const left: unknown[] = [];
      for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
        const response = await postLogin(app, 'locked@clinic.example', `wrong ${i}`);
        assert.equal(response.status, 401);
        left.push(((await response.json()) as { triesLeft: number }).triesLeft);
      }
      // The inbox warns on the last one (inbox-login.ts).
      assert.deepEqual(left.slice(-2), [2, 1]);
      const locking = await postLogin(app, 'locked@clinic.example', 'wrong again');
      assert.equal(locking.status, 429);
      assert.equal(((await locking.json()) as { error: string }).error, 'locked');
      const right = await postLogin(app, 'locked@clinic.example', PASSWORD);
      assert.equal(right.status, 429);
      const retry = Number(right.headers.get('retry-after'));
      assert.ok(retry > 14 * 60 && retry <= 15 * 60, `retry-after ${retry}`);
      // `staff list` shows the lock.
      const account = (await listStaff(app.store, 'clinic')).find((a) => a.email === 'locked@clinic.example');
      assert.ok(account?.lockedUntil && Date.parse(account.lockedUntil) > Date.now() + 14 * 60_000);
      // Once the lock has passed, the right password works again.
      await app.store.db.updateTable('rate_limits').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('key', 'like', 'login-fail:%').execute();
      assert.equal((await postLogin(app, 'locked@clinic.example', PASSWORD)).status, 200);
    });

    it("locks a stranger's network, not the clinic's, and holds guesses from many networks to the old rate without locking out the clinic's own", async () => {
      const own = await startApp(engine, { env: { TRUST_PROXY: '1' } });
      try {
        await addSiteWithStaff(own, 'clinic', 'desk@clinic.example');
        const from = async (ip: string, password: string) => {
          const response = await fetch(`${own.url}/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: own.url, 'x-forwarded-for': ip },
            body: JSON.stringify({ email: 'desk@clinic.example', password }),
          });
          return { status: response.status, retry: Number(response.headers.get('retry-after') ?? 0) };
        };
        const CLINIC = '203.0.113.10';
        // The front desk logs in from the clinic's address: a network the account is known on.
        assert.equal((await from(CLINIC, PASSWORD)).status, 200);
        // A stranger who knows the email locks only themselves out.
        for (let i = 1; i < MAX_FAILED_LOGINS; i++) assert.equal((await from('198.51.100.7', `guess ${i}`)).status, 401);
        assert.equal((await from('198.51.100.7', 'guess again')).status, 429);
        assert.equal((await from('198.51.100.7', PASSWORD)).status, 429);
        assert.equal((await from(CLINIC, PASSWORD)).status, 200, 'the clinic is not locked out');
        // Another address of the stranger's IPv6 /64 is the same network.
        assert.equal((await from('2001:db8:0:1::1', 'guess')).status, 401);
        for (let i = 1; i < MAX_FAILED_LOGINS; i++) await from(`2001:db8:0:1::${i + 1}`, 'guess');
        assert.equal((await from('2001:db8:0:1::99', PASSWORD)).status, 429);
        // Guesses spread over networks (one each) stop once the account has had
        // MAX_FAILED_LOGINS_ANYWHERE from networks it is not known on.
        let failures = 2 * MAX_FAILED_LOGINS;
        for (let n = 2; failures < MAX_FAILED_LOGINS_ANYWHERE - 1; n++, failures++) assert.equal((await from(`2001:db8:0:${n.toString(16)}::1`, 'guess')).status, 401);
        const last = await from('2001:db8:1::1', 'guess');
        assert.equal(last.status, 429);
        const elsewhere = await from('192.0.2.44', PASSWORD);
        assert.equal(elsewhere.status, 429, 'the right password from a new network waits too');
        assert.ok(elsewhere.retry > 59 * 60 && elsewhere.retry <= 60 * 60, `retry-after ${elsewhere.retry}`);
        assert.equal((await from(CLINIC, PASSWORD)).status, 200, 'the clinic is still not locked out');
        // The agency's `staff password` lifts every lock at once.
        await resetPassword(own.store, 'clinic', 'desk@clinic.example', 'a brand new passphrase', CLI);
        assert.equal((await from('192.0.2.44', 'a brand new passphrase')).status, 200);
        assert.equal((await from('198.51.100.7', 'a brand new passphrase')).status, 200);
        // Neither the email nor an address is stored as such.
        const keys = (await own.store.db.selectFrom('rate_limits').select('key').where('key', 'like', 'login-%').execute()).map((k) => k.key).join(' ');
        assert.doesNotMatch(keys, /desk|203\.0|198\.51|2001/);
      } finally {
        await own.close();
      }
    });

    it(`checks at most ${MAX_FAILED_LOGINS} passwords of a burst of guesses sent at once, then locks`, async () => {
      await addSiteWithStaff(app, 'clinic', 'burst@clinic.example');
      // Guesses sent together all found the account unlocked before any was counted: each had its
      // password checked, and the lock (counted after the check) came too late to stop them.
      const guesses = Array.from({ length: 15 }, (_, i) => postLogin(app, 'burst@clinic.example', `wrong ${i}`));
      const statuses = await Promise.all(guesses.map(async (response) => (await response).status));
      const checked = statuses.filter((s) => s === 401).length;
      assert.ok(checked <= MAX_FAILED_LOGINS - 1, `${checked} wrong passwords checked in one burst: ${statuses.join(' ')}`);
      assert.equal(statuses.filter((s) => s === 429).length, statuses.length - checked);
      assert.equal((await postLogin(app, 'burst@clinic.example', PASSWORD)).status, 429);
    });

    it(`answers an email without an account as it answers an account: locked after ${MAX_FAILED_LOGINS} wrong passwords, the same retry-after, a burst checked no further`, async () => {
      // A receiver of its own: these tries would use up this address's logins per minute.
      const own = await startApp(engine);
      try {
        await addSiteWithStaff(own, 'clinic', 'real@clinic.example');
        const answers = async (email: string) => {
          const seen: string[] = [];
          for (let i = 0; i <= MAX_FAILED_LOGINS; i++) {
            const response = await postLogin(own, email, `wrong ${i}`);
            const retry = response.headers.get('retry-after');
            seen.push(`${response.status} ${(await response.json() as { error: string }).error}${retry ? ` retry ${Math.round(Number(retry) / 60)} min` : ''}`);
          }
          return seen;
        };
        const real = await answers('real@clinic.example');
        assert.deepEqual(real.slice(-2), ['429 locked retry 15 min', '429 locked retry 15 min']);
        assert.deepEqual(await answers('nobody@clinic.example'), real);
        // The lock ends for both alike; then a burst of guesses gets as few checks for either.
        await own.store.db.updateTable('rate_limits').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('key', 'like', 'login-fail:%').execute();
        const checkedOfBurst = async (email: string) => {
          const statuses = await Promise.all(Array.from({ length: 12 }, async (_, i) => (await postLogin(own, email, `guess ${i}`)).status));
          return statuses.filter((s) => s === 401).length;
        };
        assert.ok((await checkedOfBurst('nobody@clinic.example')) <= MAX_FAILED_LOGINS - 1, 'unknown: a burst checked no further');
        assert.ok((await checkedOfBurst('real@clinic.example')) <= MAX_FAILED_LOGINS - 1, 'account: a burst checked no further');
        // The address is not stored, only its hash.
        const keys = await own.store.db.selectFrom('rate_limits').select('key').execute();
        assert.ok(!keys.some((k) => k.key.includes('nobody')));
      } finally {
        await own.close();
      }
    });

    it('refuses a login posted from another origin', async () => {
      assert.equal((await postLogin(app, 'nurse@clinic.example', PASSWORD, 'https://evil.example')).status, 403);
      assert.equal((await postLogin(app, 'nurse@clinic.example', PASSWORD, null)).status, 403);
    });

    it('answers 401 to inbox requests without a session or with a made-up one', async () => {
      assert.equal((await fetch(`${app.url}/inbox/api/inquiries`)).status, 401);
      assert.equal((await fetch(`${app.url}/inbox/api/inquiries`, { headers: { cookie: 'cw_session=made-up' } })).status, 401);
    });

    it('refuses a change without the CSRF token, with a wrong one, or from another origin', async () => {
      const body = inquiry();
      await post(app.url, body);
      const session = await login(app, 'nurse@clinic.example');
      const path = `/inbox/api/inquiries/${body.id}/status`;
      const noToken = await staffFetch(app, session, path, { body: { status: 'contacted' }, headers: { 'x-csrf-token': '' } });
      assert.equal(noToken.status, 403);
      const wrongToken = await staffFetch(app, session, path, { body: { status: 'contacted' }, headers: { 'x-csrf-token': 'x'.repeat(43) } });
      assert.equal(wrongToken.status, 403);
      const wrongOrigin = await staffFetch(app, session, path, { body: { status: 'contacted' }, headers: { origin: 'https://evil.example' } });
      assert.equal(wrongOrigin.status, 403);
      const [unchanged] = await app.store.db.selectFrom('inquiries').select('status').where('id', '=', body.id as string).execute();
      assert.equal(unchanged.status, 'new');
      const allowed = await staffFetch(app, session, path, { body: { status: 'contacted' } });
      assert.equal(allowed.status, 200);
      const [changed] = await app.store.db.selectFrom('inquiries').select('status').where('id', '=', body.id as string).execute();
      assert.equal(changed.status, 'contacted');
    });

    it('logs out: the session row goes and the cookie no longer opens the inbox', async () => {
      const session = await login(app, 'nurse@clinic.example');
      assert.equal((await staffFetch(app, session, '/logout', { body: {}, headers: { 'x-csrf-token': '' } })).status, 403);
      const response = await staffFetch(app, session, '/logout', { body: {} });
      assert.equal(response.status, 200);
      assert.match(response.headers.getSetCookie().join('\n'), /cw_session=;/);
      assert.equal((await fetch(`${app.url}/inbox/api/inquiries`, { headers: { cookie: session.cookie } })).status, 401);
      const value = session.cookie.split('=')[1];
      assert.equal((await app.store.db.selectFrom('sessions').select('id_hash').where('id_hash', '=', sha256(value)).execute()).length, 0);
    });

    it('does not accept an expired session', async () => {
      const session = await login(app, 'nurse@clinic.example');
      const value = session.cookie.split('=')[1];
      await app.store.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id_hash', '=', sha256(value)).execute();
      assert.equal((await fetch(`${app.url}/inbox/api/inquiries`, { headers: { cookie: session.cookie } })).status, 401);
    });

    it("changes one's own password: the current one checked as at login, every other session ended, this browser kept in", async () => {
      await addSiteWithStaff(app, 'clinic', 'changer@clinic.example');
      const here = await login(app, 'changer@clinic.example');
      const elsewhere = await login(app, 'changer@clinic.example');
      const change = (session: StaffSession, body: unknown, headers: Record<string, string> = {}) =>
        staffFetch(app, session, '/inbox/api/password', { body, headers });
      const open = (cookie: string) => fetch(`${app.url}/inbox/api/session`, { headers: { cookie } }).then((r) => r.status);

      const wrong = await change(here, { current: 'not the password', password: 'a new long passphrase' });
      assert.equal(wrong.status, 403, 'a wrong current password does not end the session (not 401)');
      assert.deepEqual(await wrong.json(), { error: 'invalid' });
      assert.equal((await change(here, { current: PASSWORD, password: 'short' })).status, 400);
      assert.equal((await change(here, { current: PASSWORD, password: 'a new long passphrase' }, { 'x-csrf-token': 'forged' })).status, 403);
      assert.equal(await open(here.cookie), 200, 'nothing changed so far');

      const done = await change(here, { current: PASSWORD, password: 'a new long passphrase' });
      assert.equal(done.status, 200);
      const { csrfToken } = (await done.json()) as { csrfToken: string };
      const renewed = { cookie: sessionCookieOf(done), csrf: csrfToken };
      assert.equal(await open(here.cookie), 401, 'the session the change was made in is replaced');
      assert.equal(await open(elsewhere.cookie), 401, 'another browser is logged out');
      const session = (await (await fetch(`${app.url}/inbox/api/session`, { headers: { cookie: renewed.cookie } })).json()) as { csrfToken: string };
      assert.equal(session.csrfToken, csrfToken, 'this browser goes on, with the new CSRF token');
      assert.equal((await postLogin(app, 'changer@clinic.example', PASSWORD)).status, 401);
      assert.equal((await postLogin(app, 'changer@clinic.example', 'a new long passphrase')).status, 200);
      const logged = await app.store.db.selectFrom('access_log').select(['action', 'target']).where('action', '=', 'password').execute();
      assert.equal(logged.length, 1);
      assert.match(logged[0].target, /^staff:[\w-]+ changer@clinic\.example self$/);

      // A stolen session cannot go on guessing: after a few wrong current passwords it ends. The
      // account is not locked by them, so its owner still logs in.
      for (let i = 0; i < PASSWORD_CHANGES_PER_SESSION; i++) {
        assert.equal((await change(renewed, { current: `guess ${i}`, password: 'another long passphrase' })).status, 403);
      }
      assert.equal((await change(renewed, { current: 'a new long passphrase', password: 'another long passphrase' })).status, 401, 'even the right one, once the session has used its tries');
      assert.equal(await open(renewed.cookie), 401);
      assert.equal((await postLogin(app, 'changer@clinic.example', 'a new long passphrase')).status, 200);
    });

    it('serves inbox pages and answers with a strict Content-Security-Policy and no caching', async () => {
      const response = await fetch(`${app.url}/inbox/api/inquiries`);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(response.headers.get('cache-control'), 'no-store');
    });
  });

  describe(`sessions that end for inactivity (${engine})`, () => {
    const IDLE_MS = 3000;
    let app: TestApp;
    before(async () => {
      app = await startApp(engine, { env: { SESSION_IDLE_MS: String(IDLE_MS) } });
      await addSiteWithStaff(app, 'clinic', 'nurse@clinic.example');
    });
    after(() => app.close());

    const deadlineOf = async (session: StaffSession) =>
      Date.parse((await app.store.db.selectFrom('sessions').select('expires_at').where('id_hash', '=', sha256(session.cookie.split('=')[1])).executeTakeFirstOrThrow()).expires_at);
    const setDeadline = (session: StaffSession, at: number) =>
      app.store.db.updateTable('sessions').set({ expires_at: new Date(at).toISOString() }).where('id_hash', '=', sha256(session.cookie.split('=')[1])).execute();

    it('is 30 minutes without a staff action unless SESSION_IDLE_MS says otherwise', () => {
      assert.equal(readConfig({}).sessionIdleMs, 30 * 60_000);
      assert.equal(readConfig({ SESSION_IDLE_MS: '600000' }).sessionIdleMs, 600_000);
    });

    it("moves a session's end on with each staff action, not with the list's polls or what the inbox fetches by itself", async () => {
      const session = await login(app, 'nurse@clinic.example');
      assert.ok((await deadlineOf(session)) <= Date.now() + IDLE_MS, 'a new session ends after the idle time');
      // As if most of the idle time had passed.
      const soon = Date.now() + 1000;
      await setDeadline(session, soon);
      assert.equal((await staffFetch(app, session, '/inbox/api/version')).status, 200);
      const automatic = await staffFetch(app, session, '/inbox/api/inquiries/search', { body: {}, headers: { 'x-inbox-automatic': '1' } });
      assert.equal(automatic.status, 200);
      assert.equal(await deadlineOf(session), soon, 'a poll and an automatic fetch are no staff action');
      const before = Date.now();
      assert.equal((await staffFetch(app, session, '/inbox/api/inquiries/search', { body: { q: '홍' } })).status, 200);
      const moved = await deadlineOf(session);
      assert.ok(moved >= before + IDLE_MS - 50 && moved <= Date.now() + IDLE_MS, 'a search is one: the session ends IDLE_MS after it');
      // Never past 12 hours from the login, however busy.
      const twelveHours = 12 * 60 * 60_000;
      const loggedInAt = Date.now() - twelveHours + 1000;
      await app.store.db.updateTable('sessions').set({ created_at: new Date(loggedInAt).toISOString() }).where('id_hash', '=', sha256(session.cookie.split('=')[1])).execute();
      await setDeadline(session, Date.now() + 100);
      assert.equal((await staffFetch(app, session, '/inbox/api/session')).status, 200);
      assert.equal(await deadlineOf(session), loggedInAt + twelveHours);
    });

    it('ends a session whose inbox only polls once the idle time has passed', async () => {
      const session = await login(app, 'nurse@clinic.example');
      const lastAction = Date.now();
      assert.equal((await staffFetch(app, session, '/inbox/api/inquiries')).status, 200);
      // Polls as the list makes them, until one is refused (or long after the idle time).
      let status = 200;
      let polls = 0;
      while (status === 200 && Date.now() - lastAction < IDLE_MS * 4) {
        status = (await staffFetch(app, session, '/inbox/api/version')).status;
        polls++;
        if (status === 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(status, 401, `still logged in after ${polls} polls`);
      assert.ok(Date.now() - lastAction >= IDLE_MS - 100, 'not before the idle time');
      assert.equal((await staffFetch(app, session, '/inbox/api/inquiries')).status, 401);
    });
  });

  describe(`staff login behind HTTPS (${engine})`, () => {
    let app: TestApp;
    before(async () => {
      app = await startApp(engine, { env: { PUBLIC_URL: 'https://receiver.example' } });
      await addSiteWithStaff(app, 'clinic', 'nurse@clinic.example');
    });
    after(() => app.close());

    it('sets the cookie Secure, with the __Host- prefix, when the receiver is not on localhost', async () => {
      const response = await postLogin(app, 'nurse@clinic.example', PASSWORD, 'https://receiver.example');
      assert.equal(response.status, 200);
      const header = response.headers.getSetCookie().find((c) => c.startsWith('__Host-cw_session='))!;
      assert.ok(header, 'a __Host- cookie');
      assert.match(header, /;\s*Secure/i);
      assert.match(header, /HttpOnly/i);
      assert.match(header, /SameSite=Strict/i);
    });
  });
}
