/**
 * The administration commands, run as an agency runs them (`npm run receiver -- …`, here the
 * same tsx server/main.ts), on both engines.
 */
import { describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import assert from 'node:assert/strict';
import { verify } from '@node-rs/argon2';
import { openStore } from '../../server/storage/database.js';
import { siteOfToken } from '../../server/domain/tokens.js';
import { addSite, getSite } from '../../server/domain/sites.js';
import { receiveInquiry } from '../../server/domain/receive.js';
import { runRetention } from '../../server/domain/retention.js';
import { pruneAccessLog } from '../../server/domain/access-log.js';
import { engines, freshDatabaseUrl, inquiry, post, runCommand as receiver, startApp } from './helpers/receiver.js';
import { login, PASSWORD, postLogin, staffFetch, type StaffSession } from './helpers/staff.js';

for (const engine of engines()) {
  describe(`receiver commands (${engine})`, () => {
    it('adds, lists and removes sites, refusing bad ids and origins with a clear message', async () => {
      const db = await freshDatabaseUrl(engine);
      const added = receiver(db, ['site', 'add', 'haneul', '--origin', 'https://Haneul.example:443', '--origin', 'https://www.haneul.example', '--name', '하늘의원', '--retention-days', '180']);
      assert.equal(added.status, 0, added.stderr);
      assert.match(added.stdout, /\/v1\/sites\/haneul\/inquiries/);
      const listed = receiver(db, ['site', 'list']);
      assert.match(listed.stdout, /haneul\t하늘의원\thttps:\/\/haneul\.example https:\/\/www\.haneul\.example\t180 days/);

      const badId = receiver(db, ['site', 'add', 'Bad Id', '--origin', 'https://x.example']);
      assert.equal(badId.status, 1);
      assert.match(badId.stderr, /site id "Bad Id" must be/);
      const badOrigin = receiver(db, ['site', 'add', 'other', '--origin', 'https://x.example/path']);
      assert.equal(badOrigin.status, 1);
      assert.match(badOrigin.stderr, /not an origin/);
      const twice = receiver(db, ['site', 'add', 'haneul', '--origin', 'https://haneul.example']);
      assert.match(twice.stderr, /exists already/);

      assert.equal(receiver(db, ['site', 'remove', 'haneul', '--yes']).status, 0);
      assert.doesNotMatch(receiver(db, ['site', 'list']).stdout, /haneul/);
      assert.equal(receiver(db, ['site', 'remove', 'haneul', '--yes']).status, 1);
    });

    it('refuses origins that are not one exact scheme://host[:port] and an empty clinic name, and warns of a site that notifies nobody', async () => {
      const db = await freshDatabaseUrl(engine);
      const refused: [string, RegExp][] = [
        ['https://*.t.example', /^"https:\/\/\*\.t\.example" is not an origin: origins are matched exactly, so a wildcard matches nothing; write the exact address pages are served from, scheme:\/\/host\[:port\], such as https:\/\/clinic\.example/m],
        ['https://%2A.t.example', /a wildcard matches nothing/],
        ['https://t.example/', /^"https:\/\/t\.example\/" is not an origin: no path, query or trailing slash; write the exact address pages are served from, scheme:\/\/host\[:port\]/m],
        ['https://t.example/clinic', /no path, query or trailing slash/],
        ['https://t.example?x=1', /no path, query or trailing slash/],
        ['t.example', /^"t\.example" is not an origin: write the exact address pages are served from, scheme:\/\/host\[:port\]/m],
        ['ftp://t.example', /is not an origin: write the exact address/],
        ['https://user@t.example', /is not an origin: write the exact address/],
      ];
      for (const [origin, message] of refused) {
        const run = receiver(db, ['site', 'add', 't', '--origin', origin, '--notify-email', 'desk@t.example']);
        assert.equal(run.status, 1, `${origin} accepted`);
        assert.match(run.stderr, message);
      }
      for (const name of ['', '  ']) {
        const run = receiver(db, ['site', 'add', 't', '--origin', 'https://t.example', `--name=${name}`, '--notify-email', 'desk@t.example']);
        assert.equal(run.status, 1, `--name "${name}" accepted`);
        assert.match(run.stderr, /--name must not be empty: it is the clinic's name/);
      }
      assert.doesNotMatch(receiver(db, ['site', 'list']).stdout, /^t\t/m, 'nothing refused was added');

      // No notification target: allowed, with a warning; with one, none.
      const silent = receiver(db, ['site', 'add', 't', '--origin', 'https://T.example:443', '--name', '티의원']);
      assert.equal(silent.status, 0, silent.stderr);
      assert.match(silent.stdout, /^  origins: +https:\/\/t\.example$/m);
      assert.match(silent.stderr, /^Warning: site t has no --notify-email or --webhook: staff will not be told of new inquiries \(they still appear in the inbox\)/m);
      const told = receiver(db, ['site', 'add', 'u', '--origin', 'https://u.example', '--webhook', 'https://hooks.example/u']);
      assert.equal(told.status, 0, told.stderr);
      assert.doesNotMatch(told.stderr, /Warning/);

      const blank = receiver(db, ['site', 'update', 't', '--name', '']);
      assert.equal(blank.status, 1);
      assert.match(blank.stderr, /--name must not be empty/);
      assert.equal(receiver(db, ['site', 'update', 't', '--add-origin', 'https://*.t.example']).status, 1);
      assert.match(receiver(db, ['site', 'list']).stdout, /^t\t티의원\thttps:\/\/t\.example\t/m);

      // An origin stored before this check can still be taken off as it was written.
      const store = await openStore(db);
      try {
        await store.db.updateTable('sites').set({ origins: JSON.stringify(['https://t.example', 'https://*.t.example']) }).where('id', '=', 't').execute();
      } finally {
        await store.close();
      }
      const cleaned = receiver(db, ['site', 'update', 't', '--remove-origin', 'https://*.t.example']);
      assert.equal(cleaned.status, 0, cleaned.stderr);
      assert.match(cleaned.stdout, /^  origins: +https:\/\/t\.example$/m);
    });

    it('refuses a notification address or webhook that is none, removes them with an empty one, and turns full content off again', async () => {
      const db = await freshDatabaseUrl(engine);
      const badEmail = receiver(db, ['site', 'add', 'haneul', '--origin', 'https://haneul.example', '--notify-email', 'not an email']);
      assert.equal(badEmail.status, 1);
      assert.match(badEmail.stderr, /--notify-email "not an email" is not an email address/);
      const badHook = receiver(db, ['site', 'add', 'haneul', '--origin', 'https://haneul.example', '--webhook', 'not a url']);
      assert.equal(badHook.status, 1);
      assert.match(badHook.stderr, /--webhook "not a url" is not an http\(s\) URL/);
      const added = receiver(db, ['site', 'add', 'haneul', '--origin', 'https://haneul.example', '--notify-email', 'desk@haneul.example', '--webhook', 'https://hooks.example/h', '--full-content']);
      assert.equal(added.status, 0, added.stderr);
      assert.equal(receiver(db, ['site', 'update', 'haneul', '--webhook', 'javascript:alert(1)']).status, 1);
      const site = async () => {
        const store = await openStore(db);
        try {
          return (await getSite(store, 'haneul'))!.notify;
        } finally {
          await store.close();
        }
      };
      assert.deepEqual(await site(), { emails: ['desk@haneul.example'], webhookUrl: 'https://hooks.example/h', webhookMode: 'json', fullContent: true });
      assert.equal(receiver(db, ['site', 'update', 'haneul', '--no-full-content', '--webhook', '', '--notify-email', '']).status, 0);
      assert.deepEqual(await site(), { emails: [], webhookMode: 'json', fullContent: false });
      assert.equal(receiver(db, ['site', 'list']).status, 0);
    });

    it('prints the origins and notification targets every site add and update leaves, and adds or removes one origin without touching the others', async () => {
      const db = await freshDatabaseUrl(engine);
      const origins = async () => {
        const store = await openStore(db);
        try {
          return (await getSite(store, 'haneul'))!.origins;
        } finally {
          await store.close();
        }
      };
      const added = receiver(db, ['site', 'add', 'haneul', '--origin', 'https://haneul.example', '--origin', 'https://www.haneul.example', '--notify-email', 'desk@haneul.example', '--webhook', 'https://hooks.example/secret-key']);
      assert.equal(added.status, 0, added.stderr);
      assert.match(added.stdout, /^  origins: +https:\/\/haneul\.example, https:\/\/www\.haneul\.example$/m);
      assert.match(added.stdout, /^  notifications: +desk@haneul\.example, webhook hooks\.example$/m);
      assert.doesNotMatch(added.stdout, /secret-key/, 'a webhook URL may hold a key: its host only');

      // --add-origin keeps what the site lists; adding one twice lists it once.
      const more = receiver(db, ['site', 'update', 'haneul', '--add-origin', 'https://m.haneul.example', '--add-origin', 'https://haneul.example']);
      assert.equal(more.status, 0, more.stderr);
      assert.deepEqual(await origins(), ['https://haneul.example', 'https://www.haneul.example', 'https://m.haneul.example']);
      assert.match(more.stdout, /^  origins: +https:\/\/haneul\.example, https:\/\/www\.haneul\.example, https:\/\/m\.haneul\.example$/m);
      assert.match(more.stdout, /^  notifications: +desk@haneul\.example, webhook hooks\.example$/m);
      assert.doesNotMatch(more.stdout, /no longer/);

      const fewer = receiver(db, ['site', 'update', 'haneul', '--remove-origin', 'https://m.haneul.example']);
      assert.equal(fewer.status, 0, fewer.stderr);
      assert.deepEqual(await origins(), ['https://haneul.example', 'https://www.haneul.example']);
      assert.match(fewer.stdout, /^    no longer listed: https:\/\/m\.haneul\.example/m);
      const absent = receiver(db, ['site', 'update', 'haneul', '--remove-origin', 'https://other.example']);
      assert.equal(absent.status, 1);
      assert.match(absent.stderr, /site "haneul" does not list https:\/\/other\.example; its origins: https:\/\/haneul\.example, https:\/\/www\.haneul\.example/);
      const mixed = receiver(db, ['site', 'update', 'haneul', '--origin', 'https://haneul.example', '--add-origin', 'https://m.haneul.example']);
      assert.equal(mixed.status, 1);
      assert.match(mixed.stderr, /--origin replaces the whole list: use it alone, or --add-origin \/ --remove-origin/);
      const last = receiver(db, ['site', 'update', 'haneul', '--remove-origin', 'https://haneul.example', '--remove-origin', 'https://www.haneul.example']);
      assert.equal(last.status, 1);
      assert.match(last.stderr, /would have no origin left/);
      assert.deepEqual(await origins(), ['https://haneul.example', 'https://www.haneul.example'], 'a refused change changes nothing');

      // --origin and --notify-email still replace their lists, and say what they dropped.
      const replaced = receiver(db, ['site', 'update', 'haneul', '--origin', 'https://haneul.example', '--notify-email', 'front@haneul.example']);
      assert.equal(replaced.status, 0, replaced.stderr);
      assert.match(replaced.stdout, /^  origins: +https:\/\/haneul\.example$/m);
      assert.match(replaced.stdout, /^    no longer listed: https:\/\/www\.haneul\.example/m);
      assert.match(replaced.stdout, /^  notifications: +front@haneul\.example, webhook hooks\.example$/m);
      assert.match(replaced.stdout, /^    no longer notified: desk@haneul\.example$/m);
      const retention = receiver(db, ['site', 'update', 'haneul', '--retention-days', '90']);
      assert.match(retention.stdout, /^  origins: +https:\/\/haneul\.example$/m, 'an update of anything prints the lists');
      assert.match(retention.stdout, /^  notifications: +front@haneul\.example, webhook hooks\.example$/m);

      const onAdd = receiver(db, ['site', 'add', 'other', '--origin', 'https://other.example', '--add-origin', 'https://www.other.example']);
      assert.equal(onAdd.status, 1);
      assert.match(onAdd.stderr, /"site add" takes --origin/);
    });

    it('lists a site\'s access records for review, oldest first, never with what patients typed', async () => {
      const db = await freshDatabaseUrl(engine);
      receiver(db, ['site', 'add', 'haneul', '--origin', 'https://haneul.example']);
      assert.equal(receiver(db, ['token', 'add', 'haneul']).status, 0);
      assert.equal(receiver(db, ['patient', 'delete', 'haneul', '--phone', '010-2468-1357']).status, 0);
      const listed = receiver(db, ['access', 'list', 'haneul']);
      assert.equal(listed.status, 0, listed.stderr);
      const [head, ...rows] = listed.stdout.trim().split('\n').map((line) => line.split('\t'));
      assert.deepEqual(head, ['at', 'actor', 'action', 'target', 'ip']);
      assert.deepEqual(rows.map((r) => r[2]), ['grant', 'delete-patient']);
      assert.ok(rows[0][0] <= rows[1][0], 'oldest first');
      assert.doesNotMatch(listed.stdout, /2468|1357/);
      assert.equal(receiver(db, ['access', 'list', 'haneul', '--since', '2999-01-01']).stdout.trim().split('\n').length, 1);
      const bad = receiver(db, ['access', 'list', 'haneul', '--since', 'yesterday']);
      assert.equal(bad.status, 1);
      assert.match(bad.stderr, /--since expects a date such as 2026-11-01/);
      assert.match(receiver(db, ['access', 'list', 'nosuch']).stderr, /no site "nosuch"/);
    });

    it("logs a site's removal with how many inquiries went with it, and keeps the site's access records", async () => {
      const db = await freshDatabaseUrl(engine);
      receiver(db, ['site', 'add', 'haneul', '--origin', 'https://haneul.example']);
      const store = await openStore(db);
      try {
        const site = (await getSite(store, 'haneul'))!;
        for (let i = 0; i < 2; i++) {
          assert.equal((await receiveInquiry(store, site, inquiry({ page: { url: 'https://haneul.example/', referrer: '', title: '' } }))).status, 201);
        }
        receiver(db, ['token', 'add', 'haneul']);
        const removed = receiver(db, ['site', 'remove', 'haneul', '--yes']);
        assert.equal(removed.status, 0, removed.stderr);
        assert.match(removed.stdout, /^Removed site haneul with its 2 inquiries/m);
        const rows = await store.db.selectFrom('access_log').select(['action', 'actor', 'target']).where('site_id', '=', 'haneul').orderBy('at').execute();
        assert.deepEqual(rows.map((r) => [r.action, r.actor, r.target.replace(/token:\w+/, 'token')]), [
          ['grant', 'system', 'token cli'],
          ['delete-site', 'system', 'deleted=2 cli'],
        ]);
      } finally {
        await store.close();
      }
    });

    it('removes a site only when told to: --yes, or its id typed at the terminal; otherwise says how many inquiries would go and deletes nothing', async () => {
      const db = await freshDatabaseUrl(engine);
      receiver(db, ['site', 'add', 'haneul', '--origin', 'https://haneul.example']);
      receiver(db, ['token', 'add', 'haneul']);
      assert.equal(receiver(db, ['staff', 'add', 'haneul', 'desk@haneul.example'], `${PASSWORD}\n`).status, 0);
      const inquiries = async () => {
        const store = await openStore(db);
        try {
          const site = await getSite(store, 'haneul');
          return site && (await store.db.selectFrom('inquiries').select('id').where('site_id', '=', 'haneul').execute()).length;
        } finally {
          await store.close();
        }
      };
      const store = await openStore(db);
      try {
        const site = (await getSite(store, 'haneul'))!;
        for (let i = 0; i < 2; i++) await receiveInquiry(store, site, inquiry({ page: { url: 'https://haneul.example/', referrer: '', title: '' } }));
      } finally {
        await store.close();
      }

      // From a script (no terminal): refused, with what would have gone.
      const unconfirmed = receiver(db, ['site', 'remove', 'haneul']);
      assert.equal(unconfirmed.status, 1);
      assert.match(unconfirmed.stderr, /^Site haneul has 2 inquiries, 1 staff account and 1 token: removing it deletes them for good\. Nothing was removed; run again with --yes to remove it\.$/m);
      assert.equal(await inquiries(), 2);

      // At a terminal: the site id typed, nothing else, removes it.
      const atTerminal = (answer: string) => {
        const command = [process.execPath, '--import', 'tsx', 'server/main.ts', 'site', 'remove', 'haneul'].map((word) => `'${word}'`).join(' ');
        const run = spawnSync('script', ['-qec', command, '/dev/null'], { env: { ...process.env, DATABASE_URL: db }, input: `${answer}\n`, encoding: 'utf8' });
        return { status: run.status, output: run.stdout };
      };
      const wrong = atTerminal('yes');
      assert.equal(wrong.status, 1, wrong.output);
      assert.match(wrong.output, /Removing site haneul deletes its 2 inquiries, 1 staff account and 1 token for good\. Type the site id to remove it:/);
      assert.match(wrong.output, /Nothing was removed: "yes" is not haneul\./);
      assert.equal(await inquiries(), 2);
      const typed = atTerminal('haneul');
      assert.equal(typed.status, 0, typed.output);
      assert.match(typed.output, /Removed site haneul with its 2 inquiries/);
      assert.equal(await inquiries(), undefined);
    });

    it('refuses a retention period out of range on update as on add: a fresh inquiry survives the retention run', async () => {
      const db = await freshDatabaseUrl(engine);
      receiver(db, ['site', 'add', 'haneul', '--origin', 'https://haneul.example', '--retention-days', '180']);
      // 0 or less put the cut-off at now or later: the next nightly run deleted every inquiry.
      for (const days of ['0', '-5', '', '1.5']) {
        const run = receiver(db, ['site', 'update', 'haneul', `--retention-days=${days}`]);
        assert.equal(run.status, 1, `--retention-days=${days} accepted`);
        assert.match(run.stderr, /--retention-days must be a whole number from 1 to 3650/);
      }
      assert.match(receiver(db, ['site', 'list']).stdout, /\t180 days\t/);
      const store = await openStore(db);
      try {
        const site = (await getSite(store, 'haneul'))!;
        assert.equal((await receiveInquiry(store, site, inquiry({ page: { url: 'https://haneul.example/', referrer: '', title: '' } }))).status, 201);
        await runRetention(store);
        assert.equal((await store.db.selectFrom('inquiries').select('id').execute()).length, 1);
      } finally {
        await store.close();
      }
    });

    it('prints a token once and stores only its hash', async () => {
      const db = await freshDatabaseUrl(engine);
      receiver(db, ['site', 'add', 'haneul', '--origin', 'https://haneul.example']);
      const run = receiver(db, ['token', 'add', 'haneul']);
      assert.equal(run.status, 0, run.stderr);
      const token = run.stdout.trim();
      assert.match(token, /^cwr_[\w-]{40,}$/);
      const store = await openStore(db);
      try {
        assert.equal(await siteOfToken(store, token), 'haneul');
        const rows = await store.db.selectFrom('api_tokens').selectAll().execute();
        assert.ok(rows.every((row) => row.token_hash !== token && !row.token_hash.includes(token)));
      } finally {
        await store.close();
      }
    });

    it('adds staff with a password read from standard input, hashed with argon2id', async () => {
      const db = await freshDatabaseUrl(engine);
      receiver(db, ['site', 'add', 'haneul', '--origin', 'https://haneul.example']);
      const run = receiver(db, ['staff', 'add', 'haneul', 'Nurse@Haneul.example'], 'a long enough secret\n');
      assert.equal(run.status, 0, run.stderr);
      assert.equal(receiver(db, ['staff', 'add', 'haneul', 'short@haneul.example'], 'short\n').status, 1);
      const store = await openStore(db);
      try {
        const staff = await store.db.selectFrom('staff').selectAll().execute();
        assert.equal(staff.length, 1);
        assert.equal(staff[0].email, 'nurse@haneul.example');
        assert.match(staff[0].password_hash, /^\$argon2id\$/);
        assert.ok(await verify(staff[0].password_hash, 'a long enough secret'));
      } finally {
        await store.close();
      }
    });

    it('revokes access at once: a new password or a removed account logs out its sessions, a removed token gets 401', async () => {
      const app = await startApp(engine);
      try {
        const db = app.databaseUrl;
        assert.equal(receiver(db, ['staff', 'add', 'clinic', 'desk@haneul.example'], `${PASSWORD}\n`).status, 0);
        const desk = await login(app, 'desk@haneul.example');
        const inbox = (session: StaffSession) => staffFetch(app, session, '/inbox/api/session').then((r) => r.status);
        assert.equal(await inbox(desk), 200);
        assert.match(receiver(db, ['staff', 'list', 'clinic']).stdout, /^desk@haneul\.example\tcreated [\d-]+T[\d:.]+Z\t1 open session\(s\)$/m);

        // A shared or forgotten password: the new one works, the old one and its sessions no longer do.
        const opened = await app.store.db.selectFrom('sessions').selectAll().execute();
        const reset = receiver(db, ['staff', 'password', 'clinic', 'Desk@Haneul.example'], 'a brand new passphrase\n');
        assert.equal(reset.status, 0, reset.stderr);
        assert.equal(await inbox(desk), 401, 'the session opened with the old password');
        // A login checked against the old password while it changed stores its session after the
        // reset deleted the others: such a session opens nothing either.
        await app.store.db.insertInto('sessions').values(opened).execute();
        assert.equal(await inbox(desk), 401, 'a session stored after the reset, opened with the old password');
        await app.store.db.deleteFrom('sessions').execute();
        assert.equal((await postLogin(app, 'desk@haneul.example', PASSWORD)).status, 401);
        const again = await login(app, 'desk@haneul.example', 'a brand new passphrase');
        assert.equal(await inbox(again), 200);
        assert.equal(receiver(db, ['staff', 'password', 'clinic', 'desk@haneul.example'], 'short\n').status, 1);
        assert.equal(await inbox(again), 200, 'a refused password changes nothing');

        // Someone who left the clinic: the account and the inbox they left open go; their notes stay, signed.
        const body = inquiry();
        assert.equal((await post(app.url, body)).status, 201);
        assert.equal((await staffFetch(app, again, `/inbox/api/inquiries/${body.id}/notes`, { body: { text: '내일 오전 재연락' } })).status, 201);
        assert.equal(receiver(db, ['staff', 'remove', 'clinic', 'desk@haneul.example']).status, 0);
        assert.equal(await inbox(again), 401);
        assert.equal(receiver(db, ['staff', 'add', 'clinic', 'front@haneul.example'], `${PASSWORD}\n`).status, 0);
        const colleague = await login(app, 'front@haneul.example');
        const detail = (await (await staffFetch(app, colleague, `/inbox/api/inquiries/${body.id}`)).json()) as { notes: { text: string; author: string }[] };
        assert.deepEqual(detail.notes.map((n) => [n.text, n.author]), [['내일 오전 재연락', 'desk@haneul.example']]);
        assert.equal((await postLogin(app, 'desk@haneul.example', 'a brand new passphrase')).status, 401);
        assert.doesNotMatch(receiver(db, ['staff', 'list', 'clinic']).stdout, /desk@/);
        const missing = receiver(db, ['staff', 'remove', 'clinic', 'desk@haneul.example']);
        assert.equal(missing.status, 1);
        assert.match(missing.stderr, /no account desk@haneul\.example/);

        // A leaked token: listed by the id the access log uses, never the token; revoked, it gets 401.
        const added = receiver(db, ['token', 'add', 'clinic']);
        const token = added.stdout.trim();
        const id = /Its id is (token:[0-9a-f]{12})/.exec(added.stderr)![1];
        const api = () => fetch(`${app.url}/v1/sites/clinic/inquiries`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
        assert.equal(await api(), 200);
        const listed = receiver(db, ['token', 'list', 'clinic']).stdout;
        assert.match(listed, new RegExp(`^${id}\tcreated `, 'm'));
        assert.ok(!listed.includes(token.slice(4, 20)), 'token list shows no part of the token');
        assert.equal(receiver(db, ['token', 'remove', 'clinic', 'token:000000000000']).status, 1);
        assert.match(receiver(db, ['token', 'remove', 'clinic', 'cwr_abc']).stderr, /not a token id/);
        assert.equal(receiver(db, ['token', 'remove', 'clinic', id]).status, 0);
        assert.equal(await api(), 401);
        assert.equal(receiver(db, ['token', 'list', 'other-site']).status, 1);

        // Each right given, changed or taken away is in the access log.
        const rights = await app.store.db.selectFrom('access_log').select(['action', 'target', 'actor']).where('action', 'in', ['grant', 'revoke', 'password']).orderBy('at').execute();
        assert.deepEqual(rights.map((r) => r.action), ['grant', 'password', 'revoke', 'grant', 'grant', 'revoke']);
        // An account by its id and email (the account itself is gone), a token by its id alone.
        assert.ok(rights.every((r) => r.actor === 'system' && /^(staff:[\w-]+ (desk|front)@haneul\.example|token:[0-9a-f]{12}) cli$/.test(r.target)), JSON.stringify(rights));
        assert.equal(rights[4].target, `${id} cli`);
      } finally {
        await app.close();
      }
    });

    it('keeps records of access rights three years, other access records two', async () => {
      const store = await openStore(await freshDatabaseUrl(engine));
      try {
        await addSite(store, { id: 'haneul', name: 'haneul', origins: ['https://haneul.example'] });
        const ago = (years: number) => new Date(Date.now() - years * 365.25 * 86_400_000).toISOString();
        const rows = [
          { action: 'view', at: ago(2.5) },
          { action: 'revoke', at: ago(2.5) },
          { action: 'grant', at: ago(3.5) },
          { action: 'view', at: ago(1) },
        ];
        for (const [i, r] of rows.entries()) await store.db.insertInto('access_log').values({ id: `row-${i}`, site_id: 'haneul', actor: 'system', target: '', ip: '', ...r }).execute();
        assert.equal(await pruneAccessLog(store), 2);
        const left = await store.db.selectFrom('access_log').select('id').orderBy('id').execute();
        assert.deepEqual(left.map((r) => r.id), ['row-1', 'row-3']);
      } finally {
        await store.close();
      }
    });

    it('explains its usage for an unknown command', async () => {
      const run = receiver(await freshDatabaseUrl(engine), ['sites', 'add']);
      assert.equal(run.status, 1);
      assert.match(run.stderr, /Usage:/);
    });
  });
}

describe('the receiver\'s environment', () => {
  it('refuses to start on a PORT that is not a port, saying so, rather than listening somewhere else', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...process.env, PORT: 'abc', DATABASE_URL: ':memory:' }, encoding: 'utf8', timeout: 20_000 });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /PORT expects a port number from 1 to 65535; got "abc"/);
  });
});

for (const engine of engines()) {
  describe(`receiver backups (${engine})`, () => {
    if (engine === 'postgres') {
      it('points to pg_dump, and writes nothing', async () => {
        const file = join(mkdtempSync(join(tmpdir(), 'consult-backup-')), 'receiver.db');
        const run = receiver(await freshDatabaseUrl(engine), ['backup', file]);
        assert.equal(run.status, 1);
        assert.match(run.stderr, /DATABASE_URL is PostgreSQL: back it up with its own tools, e\.g\. pg_dump/);
        assert.equal(existsSync(file), false);
      });
      return;
    }

    it('copies the database while the receiver runs into a new file only its owner can read, which a receiver opens; no deleted patient in it; every site logs it', async () => {
      const app = await startApp(engine);
      try {
        const kept = inquiry({ fields: { name: '김보관', phone: '010-2222-3333', message: '백업될 문의' } });
        const gone = inquiry({ fields: { name: '이삭제', phone: '010-9999-8888', message: '지워질 문의 ZZQXW' } });
        for (const body of [kept, gone]) assert.equal((await post(app.url, body)).status, 201);
        assert.equal(receiver(app.databaseUrl, ['patient', 'delete', 'clinic', '--phone', '010-9999-8888']).status, 0);

        const file = join(mkdtempSync(join(tmpdir(), 'consult-backup-')), 'nightly', 'receiver-2026-11-27.db');
        const run = receiver(app.databaseUrl, ['backup', file]);
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /^Backed up 1 inquiry of 1 site\(s\) to .*receiver-2026-11-27\.db \(\d+ KB, readable by its owner only\)\.$/m);
        assert.equal(statSync(file).mode & 0o777, 0o600);
        assert.equal(statSync(app.databaseUrl).mode & 0o777, 0o600, 'the database itself, new, is its owner\'s only');
        assert.equal(statSync(`${app.databaseUrl}-wal`).mode & 0o777, 0o600, 'and its write-ahead log');
        assert.equal(readFileSync(file).includes(Buffer.from('ZZQXW')), false, 'a deleted patient is in the backup');

        // Restored as a receiver would open it: the inquiry is whole.
        const restored = await openStore(file);
        try {
          const rows = await restored.db.selectFrom('inquiries').select(['id', 'payload']).execute();
          assert.deepEqual(rows.map((r) => [r.id, JSON.parse(r.payload).fields.message]), [[kept.id, '백업될 문의']]);
        } finally {
          await restored.close();
        }

        assert.deepEqual(readdirSync(dirname(file)), ['receiver-2026-11-27.db'], 'nothing left beside it');
        const size = statSync(file).size;
        const again = receiver(app.databaseUrl, ['backup', file]);
        assert.equal(again.status, 1);
        assert.match(again.stderr, /exists already: a backup never replaces a file/);
        assert.equal(statSync(file).size, size);
        const logged = await app.store.db.selectFrom('access_log').select(['site_id', 'actor', 'action']).where('target', '=', 'backup cli').execute();
        assert.deepEqual(logged, [{ site_id: 'clinic', actor: 'system', action: 'export' }], 'the backup taken, not the one refused');

        // A DATABASE_URL that names no database (a cron job started elsewhere): no empty backup.
        const nowhere = join(mkdtempSync(join(tmpdir(), 'consult-nodb-')), 'data', 'receiver.db');
        const lost = receiver(nowhere, ['backup', join(dirname(file), 'empty.db')]);
        assert.equal(lost.status, 1);
        assert.match(lost.stderr, /There is no database at .*receiver\.db: set DATABASE_URL/);
        assert.equal(existsSync(nowhere), false);
        assert.equal(existsSync(join(dirname(file), 'empty.db')), false);

        // A directory others may write to: they could swap the copy for a file of theirs.
        const shared = mkdtempSync(join(tmpdir(), 'consult-backup-shared-'));
        chmodSync(shared, 0o777);
        const refused = receiver(app.databaseUrl, ['backup', join(shared, 'receiver.db')]);
        assert.equal(refused.status, 1);
        assert.match(refused.stderr, /may be changed by other users: back up into a directory only you can write to/);
        assert.deepEqual(readdirSync(shared), []);
      } finally {
        await app.close();
      }
    });
  });
}
