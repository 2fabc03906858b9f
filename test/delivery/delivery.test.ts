// The delivery unit (src/delivery) driven directly, without a widget: real requests to the
// test endpoints, real IndexedDB and localStorage.
import { expect, waitUntil } from '@open-wc/testing';
import { attempts, capturingErrors, fillLocalStorage, uniqueKey } from '../helpers.js';
import { sendOnce, parseRetryAfter, type OutgoingRequest } from '../../src/delivery/send.js';
import { backoffDelay, isRetryable, sendWithRetries, BACKOFF_BASE_MS, BACKOFF_CAP_MS } from '../../src/delivery/retry.js';
import { Outbox, MAX_WAITING, MAX_AGE_MS, TRYING, flushOutbox, indexedDbBackend, localStorageBackend, mark, outbox, type OutboxItem } from '../../src/delivery/outbox.js';
import { OUTBOX_MARKER, outboxWaiting } from '../../src/delivery/outbox-marker.js';
import { cleanText } from '../../src/delivery/text.js';
import { encodeInquiry, fitBytes, encodedValueBytes, byteLength } from '../../src/delivery/encode.js';
import { buildInquiry, textLimits, type InquiryDraft } from '../../src/delivery/build-inquiry.js';
import { takeSendSlot, MAX_SENDS } from '../../src/delivery/rate-limit.js';
import { fromFormBody } from '../../src/schema/form-encoding.js';
import { DEFAULTS } from '../../src/config/defaults.js';
import { InquirySchema, MAX_INQUIRY_BYTES } from '../../src/schema/inquiry.js';

const request = (endpoint: string, id = crypto.randomUUID()): OutgoingRequest => ({ endpoint, id, body: JSON.stringify({ id }), contentType: 'application/json' });

function draft(overrides: Partial<InquiryDraft> = {}): InquiryDraft {
  return {
    id: crypto.randomUUID(),
    form: 'cost',
    fields: { name: '홍길동', phone: '010-1234-5678', message: '문의합니다' },
    policyVersion: 'builtin-2026-11',
    noticeHash: 'a'.repeat(64),
    agreedAt: new Date().toISOString(),
    locale: 'ko',
    format: 'json',
    antispam: { honeypot: '', elapsedMs: 4200 },
    ...overrides,
  };
}

describe('delivery: one try', () => {
  for (const code of [301, 302, 303, 307, 308]) {
    it(`never follows a ${code}: the POST is not turned into a GET, and the console names the URL to configure`, async () => {
      const key = uniqueKey();
      let result: Awaited<ReturnType<typeof sendOnce>> | undefined;
      const logged = await capturingErrors(async (messages) => {
        result = await sendOnce(request(`/test/redirect?code=${code}&key=${key}`), 5000);
        // The report comes after the try: it first asks where the endpoint leads.
        await waitUntil(() => messages.length > 0, 'no console error about the redirect', { timeout: 5000 });
      });
      expect(result).to.deep.include({ ok: false, reason: 'redirect' });
      expect(await attempts(`${key}-moved`), 'nothing reached the redirect target').to.deep.equal([]);
      expect(logged.join('\n')).to.contain(`/test/ok?key=${key}-moved`);
      expect(logged.join('\n')).to.contain('Set "endpoint"');
    });
  }

  it('gives up a try after timeoutMs', async () => {
    const started = performance.now();
    const result = await sendOnce(request(`/test/ok?key=${uniqueKey()}&delay=2000`), 300);
    expect(result).to.deep.equal({ ok: false, reason: 'timeout' });
    expect(performance.now() - started).to.be.below(1500);
  });

  it('tells a lost connection from an error status, and reads Retry-After', async () => {
    expect(await sendOnce(request(`/test/drop?key=${uniqueKey()}`), 5000)).to.deep.equal({ ok: false, reason: 'network' });
    expect(await sendOnce(request(`/test/retry-after?key=${uniqueKey()}&code=429&after=7`), 5000)).to.deep.equal({ ok: false, reason: 'http', status: 429, retryAfterMs: 7000 });
    expect(await sendOnce(request(`/test/ok?key=${uniqueKey()}`), 5000)).to.deep.equal({ ok: true, status: 201 });
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-25T10:00:00Z');
    expect(parseRetryAfter('3', now)).to.equal(3000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:00:05 GMT', now)).to.equal(5000);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter(null, now)).to.equal(undefined);
  });
});

describe('delivery: retries', () => {
  it('waits with full jitter: between 0 and min(8 s, 1 s × 2^n)', () => {
    expect(backoffDelay(0, () => 0)).to.equal(0);
    expect(backoffDelay(0, () => 0.999)).to.be.below(BACKOFF_BASE_MS);
    expect(backoffDelay(1, () => 0.5)).to.equal(1000);
    expect(backoffDelay(2, () => 0.999)).to.be.within(3900, 4000);
    expect(backoffDelay(10, () => 0.999)).to.be.below(BACKOFF_CAP_MS).and.at.least(7900);
  });

  it('retries network errors, timeouts, 5xx and 429, never other 4xx or redirects', () => {
    expect(isRetryable({ ok: false, reason: 'network' })).to.be.true;
    expect(isRetryable({ ok: false, reason: 'timeout' })).to.be.true;
    for (const status of [500, 502, 503, 504, 429]) expect(isRetryable({ ok: false, reason: 'http', status }), String(status)).to.be.true;
    for (const status of [400, 401, 403, 404, 409, 413, 415, 422]) expect(isRetryable({ ok: false, reason: 'http', status }), String(status)).to.be.false;
    expect(isRetryable({ ok: false, reason: 'redirect', status: 301 })).to.be.false;
  });

  for (const code of [503, 429]) {
    it(`honours Retry-After after a ${code}, then sends the identical request again`, async () => {
      const key = uniqueKey();
      const waits: number[] = [];
      const result = await sendWithRetries(request(`/test/retry-after?key=${key}&code=${code}&after=1`), {
        tries: 3,
        timeoutMs: 5000,
        sleep: async (ms) => void waits.push(ms),
      });
      expect(result).to.deep.equal({ ok: true, status: 201, tries: 2 });
      expect(waits).to.deep.equal([1000]);
      const [first, second] = await attempts(key);
      expect(second.body).to.deep.equal(first.body);
      expect(second.idempotencyKey).to.equal(first.idempotencyKey);
    });
  }

  it('stops after `tries`, and backs off between them', async () => {
    const key = uniqueKey();
    const waits: number[] = [];
    const result = await sendWithRetries(request(`/test/status?code=500&key=${key}`), { tries: 3, timeoutMs: 5000, sleep: async (ms) => void waits.push(ms), random: () => 0.5 });
    expect(result).to.deep.include({ ok: false, reason: 'http', status: 500, tries: 3 });
    expect(waits).to.deep.equal([500, 1000]);
    expect(await attempts(key)).to.have.length(3);
  });

  it('does not retry a 400', async () => {
    const key = uniqueKey();
    const result = await sendWithRetries(request(`/test/status?code=400&key=${key}`), { tries: 3, timeoutMs: 5000, sleep: async () => undefined });
    expect(result).to.deep.include({ ok: false, status: 400, tries: 1 });
    expect(await attempts(key)).to.have.length(1);
  });

  it('retries a dropped connection with a real wait no longer than the first backoff', async () => {
    const key = uniqueKey();
    const started = performance.now();
    const result = await sendWithRetries(request(`/test/drop?key=${key}&fails=1`), { tries: 2, timeoutMs: 5000 });
    expect(result).to.deep.equal({ ok: true, status: 201, tries: 2 });
    expect(performance.now() - started).to.be.below(BACKOFF_BASE_MS + 1000);
  });
});

describe('delivery: the body', () => {
  it('trims text and removes control characters and direction overrides, keeping line breaks', () => {
    expect(cleanText('  a\u0000b\u0007c\r\nd\te\u202Ef\u2066g\u009fh  ')).to.equal('abc\nd efgh');
    expect(cleanText('\ud83d')).to.equal('\ufffd');
    expect(cleanText('😀')).to.equal('😀');
  });

  it('encodes format "form" with dot keys that the receiver decodes back to a valid inquiry', () => {
    const inquiry = buildInquiry(draft({ format: 'form', marketing: true, sensitive: true, age14: true }));
    const { body, contentType } = encodeInquiry(inquiry, 'form');
    expect(contentType).to.equal('application/x-www-form-urlencoded');
    const params = new URLSearchParams(body);
    expect(params.get('fields.name')).to.equal('홍길동');
    expect(params.get('consent.privacy')).to.equal('true');
    expect(params.get('consent.sensitive')).to.equal('true');
    expect(params.get('consent.age14')).to.equal('true');
    expect(params.get('consent.noticeHash')).to.equal('a'.repeat(64));
    expect(params.get('widgetVersion')).to.equal('0.1.0');
    expect(params.get('page.url')).to.equal(location.href);
    expect(params.get('antispam.elapsedMs')).to.equal('4200');
    const decoded = InquirySchema.parse(fromFormBody(body));
    expect(JSON.parse(JSON.stringify(decoded))).to.deep.equal(JSON.parse(JSON.stringify(inquiry)));
  });

  it('cuts page data to its byte share without splitting a character', () => {
    const cut = fitBytes('가'.repeat(1000), 100, 'form');
    expect(encodedValueBytes(cut, 'form')).to.be.at.most(100);
    expect(cut).to.equal('가'.repeat(11));
    expect(fitBytes('😀😀😀', 9, 'json')).to.equal('😀😀');
  });

  it('keeps the clinic\'s labels to a small share of the body, so long ones never crowd out what the patient types', () => {
    const names = Array.from({ length: 10 }, (_, i) => `custom${i}`);
    const empty = draft({ format: 'form', fields: Object.fromEntries(names.map((n) => [n, ''])), labels: Object.fromEntries(names.map((n) => [n, '가'.repeat(100)])) });
    const inquiry = buildInquiry(empty, { url: '', referrer: '', title: '' });
    expect(Object.keys(inquiry.labels!)).to.deep.equal(names);
    const labelBytes = byteLength(Object.values(inquiry.labels!).map((l) => encodeURIComponent(l)).join(''));
    expect(labelBytes).to.be.at.most(600);
    const fields = names.map((name) => ({ name, maxLength: 1000 }));
    const withLabels = Math.min(...Object.values(textLimits(fields, empty)));
    const without = Math.min(...Object.values(textLimits(fields, { ...empty, labels: undefined })));
    expect(withLabels, 'the labels take less than a tenth of what the patient may type').to.be.at.least(Math.floor(without * 0.9));
  });

  it('limits text fields so that any body stays under 16 KB, in either format', () => {
    const fields = Array.from({ length: 8 }, (_, i) => ({ name: `long${i}`, maxLength: 2000 }));
    for (const format of ['json', 'form'] as const) {
      const values = Object.fromEntries(fields.map((f) => [f.name, '']));
      const limits = textLimits(fields, draft({ format, fields: values }));
      // Worst case: every field full of three-byte characters, the longest page data.
      const full = Object.fromEntries(fields.map((f) => [f.name, '힣'.repeat(limits[f.name])]));
      const long = { url: `https://clinic.example/?q=${'%EA%B0%80'.repeat(700)}`, referrer: `https://ref.example/${'&'.repeat(3000)}`, title: '가'.repeat(500) };
      const body = encodeInquiry(buildInquiry(draft({ format, fields: full, antispam: { honeypot: '가'.repeat(100), elapsedMs: 123456789 } }), long), format).body;
      expect(byteLength(body), format).to.be.at.most(MAX_INQUIRY_BYTES);
      expect(limits.long0, `${format} still leaves room to write`).to.be.greaterThan(100);
    }
    const small = textLimits([{ name: 'message', maxLength: 1000 }], draft());
    expect(small.message, 'a form that fits keeps its limits').to.equal(1000);
  });

  it('keeps field names on a map without a prototype', () => {
    const inquiry = buildInquiry(draft({ fields: { constructor: 'x', toString: 'y', name: '김' } }));
    expect(Object.getPrototypeOf(inquiry.fields)).to.equal(null);
    expect(inquiry.fields.constructor).to.equal('x');
    expect(JSON.parse(JSON.stringify(inquiry.fields))).to.deep.equal({ constructor: 'x', toString: 'y', name: '김' });
  });
});

const item = (overrides: Partial<OutboxItem> = {}): OutboxItem => ({
  ...request(`/test/ok?key=${uniqueKey()}`),
  formId: 'cost',
  savedAt: Date.now(),
  timeoutMs: 5000,
  ...overrides,
});

for (const [name, backend] of [
  ['IndexedDB', async () => indexedDbBackend(indexedDB)],
  ['localStorage (where IndexedDB is unavailable)', async () => localStorageBackend(localStorage)],
] as const) {
  describe(`delivery: the outbox in ${name}`, () => {
    it('keeps at most 5, none older than 24 hours, and a marker the first download can check', async () => {
      const box = new Outbox(backend);
      expect(outboxWaiting()).to.be.false;
      const stale = item({ savedAt: Date.now() - MAX_AGE_MS - 1 });
      expect(await box.add(stale)).to.be.true;
      expect(await box.items()).to.deep.equal([]);
      const kept = Array.from({ length: MAX_WAITING }, () => item());
      for (const i of kept) expect(await box.add(i)).to.be.true;
      expect(localStorage.getItem(OUTBOX_MARKER)).to.equal('1');
      expect(await box.add(item()), 'a sixth is refused').to.be.false;
      expect((await box.items()).map((i) => i.id)).to.deep.equal(kept.map((i) => i.id));
    });

    it('sends under the original id and body, removes what was received or refused with a 4xx, keeps the rest', async () => {
      const box = new Outbox(backend);
      const keys = { ok: uniqueKey(), refused: uniqueKey(), down: uniqueKey(), lost: uniqueKey() };
      const ok = item({ endpoint: `/test/ok?key=${keys.ok}` });
      const refused = item({ endpoint: `/test/status?code=400&key=${keys.refused}` });
      const down = item({ endpoint: `/test/status?code=503&key=${keys.down}` });
      const lost = item({ endpoint: `/test/drop?key=${keys.lost}` });
      for (const i of [ok, refused, down, lost]) await box.add(i);
      const results = await box.flush();
      expect(results.map((r) => r.result.ok)).to.deep.equal([true, false, false, false]);
      const [arrived] = await attempts(keys.ok);
      expect(arrived.idempotencyKey).to.equal(ok.id);
      expect(JSON.stringify(arrived.body)).to.equal(ok.body);
      expect((await box.items()).map((i) => i.id)).to.deep.equal([down.id, lost.id]);
      await box.remove(down.id);
      await box.remove(lost.id);
      expect(outboxWaiting(), 'marker gone once empty').to.be.false;
    });
  });
}

describe('delivery: where an inquiry goes', () => {
  it('sends a path endpoint to the page\'s own site, whatever a <base> element says', async () => {
    const base = document.createElement('base');
    base.href = 'http://127.0.0.1:9/elsewhere/';
    document.head.prepend(base);
    const key = uniqueKey();
    const queued = item({ endpoint: `/test/ok?key=${key}` });
    try {
      const box = new Outbox(async () => localStorageBackend(localStorage));
      await box.add(queued);
      const [sent] = await box.flush();
      expect(sent.result.ok).to.be.true;
    } finally {
      base.remove();
    }
    // (The test's own fetch below is relative too: it asks once the <base> is gone.)
    expect((await attempts(key)).map((a) => a.idempotencyKey)).to.deep.equal([queued.id]);
  });
});

describe('delivery: an inquiry a dialog is trying', () => {
  it('is left to that dialog by flushes, until its mark is five minutes old (a tab frozen mid-try holds it for good)', async () => {
    const box = new Outbox(async () => localStorageBackend(localStorage));
    const keys = { fresh: uniqueKey(), frozen: uniqueKey() };
    const fresh = item({ endpoint: `/test/ok?key=${keys.fresh}`, savedAt: Date.now() - 4 * 60 * 1000 });
    const frozen = item({ endpoint: `/test/ok?key=${keys.frozen}`, savedAt: Date.now() - 5 * 60 * 1000 - 1000 });
    const lower = await Promise.all([fresh, frozen].map((i) => mark(TRYING + i.id)));
    try {
      for (const i of [fresh, frozen]) await box.add(i);
      const results = await box.flush();
      expect(results.map((r) => r.item.id), 'only the one whose tries have outlasted any dialog').to.deep.equal([frozen.id]);
      expect(await attempts(keys.fresh)).to.deep.equal([]);
      expect((await attempts(keys.frozen)).map((a) => a.idempotencyKey)).to.deep.equal([frozen.id]);
      expect((await box.items()).map((i) => i.id)).to.deep.equal([fresh.id]);
    } finally {
      for (const down of lower) down();
    }
    const [sent] = await box.flush();
    expect(sent.item.id, 'tried once its mark is down').to.equal(fresh.id);
    expect(await box.items()).to.deep.equal([]);
  });
});

describe('delivery: what the outbox does with a refusal', () => {
  it('drops an inquiry the receiver refuses for good and says so with consult-error; keeps one answered 408, 425 or 429', async () => {
    const host = document.createElement('div');
    const errors: Array<{ inquiryId: string; status?: number }> = [];
    host.addEventListener('consult-error', (e) => errors.push((e as CustomEvent).detail));
    const refused = item({ endpoint: `/test/status?code=404&key=${uniqueKey()}` });
    const later = [408, 425, 429].map((code) => item({ endpoint: `/test/status?code=${code}&key=${uniqueKey()}` }));
    for (const i of [refused, ...later]) await outbox.add(i);
    const logged = await capturingErrors(() => flushOutbox(host));
    expect(logged.join('\n')).to.contain('answered 404');
    expect(errors.map((e) => [e.inquiryId, e.status])).to.deep.equal([[refused.id, 404]]);
    expect((await outbox.items()).map((i) => i.id)).to.deep.equal(later.map((i) => i.id));
    for (const i of later) await outbox.remove(i.id);
  });
});

describe('delivery: where the outbox lives', () => {
  it('falls back to localStorage when IndexedDB cannot be opened', async () => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = () => {
      throw new DOMException('storage is blocked', 'SecurityError');
    };
    try {
      const box = new Outbox();
      const saved = item();
      expect(await box.add(saved)).to.be.true;
      expect(JSON.parse(localStorage.getItem('consult-widget:outbox-items')!).map((i: OutboxItem) => i.id)).to.deep.equal([saved.id]);
      expect(outboxWaiting()).to.be.true;
      expect((await box.items()).map((i) => i.id)).to.deep.equal([saved.id]);
    } finally {
      IDBFactory.prototype.open = open;
    }
  });

  it('keeps nothing, and says so, when the marker later pages look for cannot be written (the page filled localStorage)', async () => {
    const empty = fillLocalStorage();
    try {
      const box = new Outbox();
      expect(await box.add(item()), 'the patient is told it could not be kept').to.be.false;
      expect(await indexedDbBackend(indexedDB).load()).to.deep.equal([]);
      expect(outboxWaiting()).to.be.false;
    } finally {
      empty();
    }
  });

  it('uses IndexedDB where it can', async () => {
    const box = new Outbox();
    const saved = item();
    expect(await box.add(saved)).to.be.true;
    expect(localStorage.getItem('consult-widget:outbox-items')).to.equal(null);
    expect((await indexedDbBackend(indexedDB).load()).map((i) => i.id)).to.deep.equal([saved.id]);
  });

  it('gives each try 10 seconds unless timeoutMs says otherwise', () => {
    expect(DEFAULTS.timeoutMs).to.equal(10_000);
    expect(DEFAULTS.retries).to.equal(3);
  });
});

describe('delivery: the per-browser limit', () => {
  it(`allows ${MAX_SENDS} new inquiries in ten minutes, then refuses until the window moves on`, () => {
    const now = Date.now();
    for (let i = 0; i < MAX_SENDS; i++) expect(takeSendSlot(now + i)).to.be.true;
    expect(takeSendSlot(now + 10)).to.be.false;
    expect(takeSendSlot(now + 10 * 60 * 1000 + 1)).to.be.true;
  });
});
