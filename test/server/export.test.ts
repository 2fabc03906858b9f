/**
 * A large export (thousands of inquiries near the 16 KB limit) over real HTTP on both engines:
 * streamed page by page, it neither holds the receiver (other clinics' patients are still
 * answered meanwhile) nor loses or repeats a row, even with an inquiry arriving during it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { engines, inquiry, post, startApp, type TestApp } from './helpers/receiver.js';
import { addSite } from '../../server/domain/sites.js';
import { addToken } from '../../server/domain/tokens.js';
import { CLI } from '../../server/domain/access-log.js';

const ROWS = 6000;

for (const engine of engines()) {
  describe(`a large export (${engine})`, () => {
    let app: TestApp;
    let token: string;
    before(async () => {
      app = await startApp(engine, { env: { RATE_LIMIT_PER_IP: '1000', RATE_LIMIT_PER_SITE: '1000' } });
      await addSite(app.store, { id: 'other', name: '다른의원', origins: ['https://other.example'] });
      token = await addToken(app.store, 'clinic', CLI);
      // Written straight to the table: posting 6,000 would take longer than what is measured.
      const message = '상담 내용입니다. '.repeat(450); // about 11 KB of UTF-8
      const start = Date.parse('2026-11-01T00:00:00.000Z');
      for (let batch = 0; batch < ROWS / 100; batch++) {
        const rows = Array.from({ length: 100 }, (_, i) => {
          const n = batch * 100 + i;
          const body = inquiry({ id: `big-${String(n).padStart(5, '0')}`, fields: { name: `환자${n}`, phone: '010-1234-5678', message, [`extra${n % 7}`]: 'x' } });
          return {
            site_id: 'clinic', id: body.id as string, received_at: new Date(start + n * 1000).toISOString(), form: 'consult', status: 'new', spam: 0,
            content_hash: `h${n}`, payload: JSON.stringify(body), name: `환자${n}`, phone_digits: ' 01012345678 ',
          };
        });
        await app.store.db.insertInto('inquiries').values(rows).execute();
      }
    });
    after(() => app.close());

    /** The CSV in the pieces it came in: joining 90 MB at once would hold this process, which the receiver shares. */
    const exportCsv = async (): Promise<string[]> => {
      const response = await fetch(`${app.url}/v1/sites/clinic/inquiries?format=csv`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.status, 200);
      const decoder = new TextDecoder();
      const pieces: string[] = [];
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) pieces.push(decoder.decode(chunk, { stream: true }));
      return pieces;
    };

    it('keeps answering other clinics\' patients while two run, and writes every row once, with every field column', async () => {
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const started = performance.now();
      const exports = [exportCsv(), exportCsv()];
      // A patient of another clinic sends while both are being read and written.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const sentAt = performance.now();
      const response = await post(app.url, inquiry(), { site: 'other', origin: 'https://other.example' });
      const took = performance.now() - sentAt;
      assert.equal(response.status, 201);
      const [pieces] = await Promise.all(exports);
      const lasted = performance.now() - started;
      delay.disable();
      const csv = pieces.join('');
      // Shares of the exports' time, which a busy machine stretches alike: read whole, one export
      // held the receiver for a sixth (PostgreSQL) to two fifths (SQLite) of it at once; read in
      // pages, for a few hundredths.
      const longest = delay.max / 1e6;
      assert.ok(longest < lasted * 0.1, `the receiver was held for ${longest.toFixed(0)} ms at once, of ${lasted.toFixed(0)} ms`);
      assert.ok(took < lasted * 0.15, `the other clinic's patient waited ${took.toFixed(0)} ms, of ${lasted.toFixed(0)} ms`);
      const lines = csv.split('\r\n').filter(Boolean);
      const header = lines[0].slice(1).split('","');
      assert.ok([0, 1, 2, 3, 4, 5, 6].every((n) => header.includes(`fields.extra${n}`)), 'a column for every field any row has');
      const ids = lines.slice(1).map((line) => line.slice(1, line.indexOf('"', 1)));
      assert.equal(ids.length, ROWS);
      assert.equal(new Set(ids).size, ROWS, 'each row once');
      assert.equal(ids[0], `big-${String(ROWS - 1).padStart(5, '0')}`, 'newest first');
    });

    it('takes an inquiry that arrives during the export whole or not at all, and pages the JSON without losing or repeating one', async () => {
      const body = (await (await fetch(`${app.url}/v1/sites/clinic/inquiries?limit=2500`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        more: boolean;
        next: string;
        inquiries: { id: string; fields: Record<string, string> }[];
      };
      assert.equal(body.inquiries.length, 2500);
      assert.equal(body.more, true);
      const rest = (await (await fetch(`${app.url}/v1/sites/clinic/inquiries?before=${encodeURIComponent(body.next)}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        more: boolean;
        inquiries: { id: string }[];
      };
      assert.equal(rest.more, false);
      const all = [...body.inquiries, ...rest.inquiries].map((i) => i.id).filter((id) => id.startsWith('big-'));
      assert.equal(new Set(all).size, ROWS);
      assert.equal(body.inquiries[0].fields.name.startsWith('환자'), true);
      // Arriving while an export is being written: newer than its first pass, in neither pass.
      const reading = exportCsv();
      const late = inquiry();
      assert.equal((await post(app.url, late)).status, 201);
      const csv = (await reading).join('');
      const ids = csv.split('\r\n').filter(Boolean).slice(1).map((line) => line.slice(1, line.indexOf('"', 1)));
      assert.equal(new Set(ids).size, ids.length, 'each row once');
      // In the export whole (it came before the first pass) or not at all (after it).
      assert.ok(ids.length === ROWS + (ids.includes(late.id as string) ? 1 : 0), `${ids.length} rows`);
    });

    it('holds the inquiries its first pass found, whatever changes while a slow client reads: none twice across pages, none lost, none deleted', async () => {
      // The page holds the 5,000 newest: the inquiries posted above, then big-05999 down to this one.
      const others = (await app.store.db.selectFrom('inquiries').select('id').where('site_id', '=', 'clinic').where('id', 'not like', 'big-%').execute()).length;
      const last = ROWS - 5000 + others;
      const big = (n: number) => `big-${String(n).padStart(5, '0')}`;
      const response = await fetch(`${app.url}/v1/sites/clinic/inquiries?status=new&limit=5000`, { headers: { authorization: `Bearer ${token}` } });
      const reader = response.body!.getReader();
      const chunks: Uint8Array[] = [(await reader.read()).value!];
      // The client pauses; meanwhile the last 100 inquiries of this page are erased (a whole page of
      // the second pass finds none), and others of the page are closed (status=new no longer matches them).
      const end = Array.from({ length: 100 }, (_, i) => big(last + i));
      await app.store.db.deleteFrom('inquiries').where('site_id', '=', 'clinic').where('id', 'in', end).execute();
      const closed = Array.from({ length: 10 }, (_, i) => big(last + 120 + i));
      await app.store.db.updateTable('inquiries').set({ status: 'closed' }).where('site_id', '=', 'clinic').where('id', 'in', closed).execute();
      for (let part = await reader.read(); !part.done; part = await reader.read()) chunks.push(part.value);
      const first = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { more: boolean; next: string; inquiries: { id: string }[] };
      const firstIds = first.inquiries.map((i) => i.id).filter((id) => id.startsWith('big-'));
      assert.equal(first.more, true);
      assert.equal(first.next.split(',')[1], big(last), 'the next page starts after what this one was to hold');
      assert.ok(!firstIds.some((id) => end.includes(id)), 'no erased inquiry');
      assert.ok(closed.every((id) => firstIds.includes(id)), 'the closed ones still this page\'s');
      assert.equal(firstIds.at(-1), big(last + 100));
      const second = (await (await fetch(`${app.url}/v1/sites/clinic/inquiries?status=new&before=${encodeURIComponent(first.next)}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        inquiries: { id: string }[];
      };
      const secondIds = second.inquiries.map((i) => i.id);
      assert.equal(secondIds[0], big(last - 1), 'nothing of the first page again');
      assert.equal(new Set([...firstIds, ...secondIds]).size, firstIds.length + secondIds.length);
      assert.equal(firstIds.length + secondIds.filter((id) => id.startsWith('big-')).length, ROWS - end.length, 'every other inquiry once');
    });
  });
}
