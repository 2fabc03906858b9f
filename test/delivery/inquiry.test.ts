// Delivery as a patient meets it: through the dialog, against the fault-injecting endpoints.
import { expect, oneEvent, aTimeout, waitUntil } from '@open-wc/testing';
import { attempts, capturingErrors, dialogOf, fillValid, inDialog, mountWidget, openByClick, received, sendValid, settle, submitButton, typeInto, uniqueKey, VALID } from '../helpers.js';
import { InquirySchema, MAX_INQUIRY_BYTES } from '../../src/schema/inquiry.js';
import { fromFormBody } from '../../src/schema/form-encoding.js';
import { outbox } from '../../src/delivery/outbox.js';
import { explainUnreachable } from '../../src/delivery/send.js';
import { takeSendSlot, MAX_SENDS } from '../../src/delivery/rate-limit.js';
import type { ConsultWidget } from '../../src/components/widget/widget.js';

const alertText = async (el: ConsultWidget) => {
  await settle();
  return inDialog(el, '[role="alert"]')?.textContent ?? '';
};

/** Sets a field's value as typing would, for texts sendKeys cannot type. */
function setField(el: ConsultWidget, name: string, value: string): void {
  const field = inDialog<HTMLInputElement>(el, `[name="${name}"]`)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Pretends the browser is offline (navigator.onLine), until the returned function runs. */
function goOffline(): () => void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  return () => {
    delete (navigator as unknown as Record<string, unknown>).onLine;
  };
}

describe('sending: automatic retries', () => {
  for (const code of [503, 429]) {
    it(`tries again by itself after a ${code}, waiting as Retry-After says, with the same id and body`, async () => {
      const key = uniqueKey();
      const el = await mountWidget({ endpoint: `/test/retry-after?key=${key}&code=${code}&after=1` });
      const errors: unknown[] = [];
      el.addEventListener('consult-error', (e) => errors.push(e));
      const started = performance.now();
      await sendValid(el);
      const { detail } = await oneEvent(el, 'consult-success');
      expect(performance.now() - started, 'waited for Retry-After').to.be.at.least(900);
      expect(errors).to.deep.equal([]);
      const [first, second] = await attempts(key);
      expect(second.body).to.deep.equal(first.body);
      expect([first.idempotencyKey, second.idempotencyKey]).to.deep.equal([detail.inquiryId, detail.inquiryId]);
    });
  }

  it('does not retry a 400, and says what to do', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/status?code=400&key=${key}` });
    await sendValid(el);
    const { detail } = await oneEvent(el, 'consult-error');
    expect(detail).to.include({ reason: 'http', status: 400 });
    expect(await alertText(el)).to.contain('내용을 확인해 주세요');
    expect(await attempts(key)).to.have.length(1);
  });

  it('says a 413 means the message is too long', async () => {
    const el = await mountWidget({ endpoint: `/test/status?code=413&key=${uniqueKey()}` });
    await sendValid(el);
    await oneEvent(el, 'consult-error');
    expect(await alertText(el)).to.contain('너무 깁니다');
  });

  it('tells a patient whose send takes long that the inquiry is already saved on this device, then that the clinic has it', async function () {
    this.timeout(20_000);
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/ok?key=${key}&delay=8000`, timeoutMs: 15_000, retries: 1 });
    const submitted = oneEvent(el, 'consult-submit');
    await sendValid(el);
    const { detail } = await submitted;
    const note = () => inDialog(el, '[part="sending-note"]')!;
    await settle();
    expect(note().getAttribute('role')).to.equal('status');
    // At once, only heard: most sends take a moment.
    expect(note().textContent!.trim(), 'a screen reader hears that it is sending').to.equal('보내는 중…');
    expect(note().querySelector('.hidden-text'), 'not shown').to.exist;
    expect(getComputedStyle(note()).position, 'and takes no room').to.equal('absolute');
    await waitUntil(() => note().textContent!.includes('저장해 두어 사라지지 않습니다'), 'nothing said while the send drags on', { timeout: 9000 });
    expect(submitButton(el).textContent).to.contain('보내는 중');
    expect((await outbox.items()).map((i) => i.id), 'saved, as the patient is told').to.deep.equal([detail.inquiryId]);
    await oneEvent(el, 'consult-success');
    await settle();
    expect(inDialog(el, '[role="status"]')!.textContent).to.contain('접수되었습니다');
    expect(await attempts(key)).to.have.length(1);
  });

  it('does not carry the slow note over to the next send: a second try starts without it, until it too drags on', async function () {
    this.timeout(25_000);
    const el = await mountWidget({ endpoint: `/test/status?code=500&delay=7000&key=${uniqueKey()}`, timeoutMs: 15_000, retries: 1 });
    const note = () => inDialog(el, '[part="sending-note"]')!.textContent!.trim();
    await sendValid(el);
    await waitUntil(() => note() !== '', 'no note on the first send', { timeout: 9000 });
    await oneEvent(el, 'consult-error');
    const seen: string[] = [];
    const watch = new MutationObserver(() => seen.push(note()));
    watch.observe(inDialog(el, '[part="sending-note"]')!, { childList: true, subtree: true, characterData: true });
    submitButton(el).click();
    await waitUntil(() => submitButton(el).textContent!.includes('보내는 중'), 'not sending again');
    await settle();
    expect(note(), 'nothing is in the outbox yet to speak of').to.equal('보내는 중…');
    expect(seen.filter((text) => text.includes('저장'))).to.deep.equal([]);
    watch.disconnect();
    await oneEvent(el, 'consult-error');
  });

  it('times out each try and retries it, then keeps it to send later, as after network errors', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/ok?key=${key}&delay=1500`, timeoutMs: 1000, retries: 2 });
    await sendValid(el);
    const { detail } = await oneEvent(el, 'consult-queued');
    expect(await attempts(key)).to.have.length(2);
    await settle();
    expect(inDialog(el, '[role="status"]')!.textContent).to.contain('저장해 두었습니다');
    expect((await outbox.items()).map((i) => i.id)).to.deep.equal([detail.inquiryId]);
    await outbox.remove(detail.inquiryId);
  });

  it('keeps the inquiry in this browser from the first try, so a tab closed while it is sent loses nothing; gone once received', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/ok?key=${key}&delay=1500` });
    const submitted = oneEvent(el, 'consult-submit');
    await sendValid(el);
    const { detail } = await submitted;
    let received = false;
    const success = oneEvent(el, 'consult-success').then(() => (received = true));
    // While the answer is on its way (1.5 s), it is kept: a patient closing the tab now leaves it for the next page.
    await waitUntil(async () => (await outbox.items()).length > 0, 'kept while the first try is under way', { timeout: 1200 });
    expect(received, 'kept before the answer came').to.be.false;
    const kept = await outbox.items();
    expect(kept.map((i) => i.id)).to.deep.equal([detail.inquiryId]);
    expect(kept[0].endpoint, 'stored whole, to be sent from any page').to.equal(new URL(`/test/ok?key=${key}&delay=1500`, location.href).href);
    await success;
    await waitUntil(async () => (await outbox.items()).length === 0, 'removed once received');
  });

  for (const code of [301, 302, 303, 307, 308]) {
    it(`treats a ${code} as a failure with its own message, and sends nothing on`, async () => {
      const key = uniqueKey();
      const el = await mountWidget({ endpoint: `/test/redirect?code=${code}&key=${key}` });
      let detail: { reason: string } | undefined;
      const logged = await capturingErrors(async (seen) => {
        await sendValid(el);
        detail = (await oneEvent(el, 'consult-error')).detail;
        // the console report follows the failure (it asks where the endpoint leads)
        await waitUntil(() => seen.length, 'no console error names the address to configure', { timeout: 2000 });
      });
      expect(detail!.reason).to.equal('redirect');
      expect(logged).to.have.length(1);
      expect(logged[0]).to.contain(`Set "endpoint" to ${location.origin}/test/ok?key=${key}-moved`);
      expect(await alertText(el)).to.contain('설정에 문제');
      expect(await attempts(key)).to.have.length(1);
      expect(await attempts(`${key}-moved`)).to.deep.equal([]);
    });
  }
});

describe('sending: endpoints that can never take an inquiry from this page', () => {
  // The test page's server under its other name: another origin, whose answers decide the CORS checks.
  const elsewhere = (path: string) => `${location.protocol}//${location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}${path}`;

  it('tells the patient when the page broke the send (an API it patched throws), keeping what was typed', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/ok?key=${key}` });
    await openByClick(el, 'cost');
    await fillValid(el);
    // The hash of the notices the patient agreed to is taken as they press send.
    const subtle = crypto.subtle as SubtleCrypto & { digest: SubtleCrypto['digest'] };
    const digest = subtle.digest;
    subtle.digest = () => {
      throw new Error('patched by the page');
    };
    let detail: { reason: string; inquiryId: string } | undefined;
    try {
      const logged = await capturingErrors(async () => {
        const failed = oneEvent(el, 'consult-error');
        submitButton(el).click();
        detail = (await Promise.race([failed, aTimeout(3000).then(() => ({ detail: undefined }))])).detail;
      });
      expect(logged.join('\n')).to.contain('could not be sent');
    } finally {
      subtle.digest = digest;
    }
    expect(detail!.reason).to.equal('unexpected');
    expect(detail!.inquiryId, 'an id naming the failed try').to.match(/^[0-9a-f-]{36}$/);
    expect(await alertText(el)).to.contain('보내는 중에 문제가 생겨');
    expect(dialogOf(el).shadowRoot!.querySelector<HTMLInputElement>('[name="name"]')!.value).to.equal(VALID.name);
    expect(await attempts(key)).to.deep.equal([]);
  });

  it('does not take a web page answered with 200 (a CMS catch-all at /api/inquiry) for a receipt', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/html?key=${key}` });
    let detail: { reason: string; status?: number } | undefined;
    const logged = await capturingErrors(async () => {
      await sendValid(el);
      detail = (await oneEvent(el, 'consult-error')).detail;
    });
    expect(detail).to.deep.include({ reason: 'http', status: 200 });
    expect(logged.join('\n')).to.contain('answered with a web page, not a receipt');
    expect(await alertText(el)).to.contain('설정에 문제');
    expect(await outbox.items(), 'not kept as sent').to.deep.equal([]);
    const [form] = await attempts(key);
    expect(form.body.fields.name, 'what was typed stays in the form').to.equal(VALID.name);
  });

  for (const [what, path, says] of [
    ['refuses the CORS preflight (a wrong path)', '/test/no-cors', 'is reachable but refuses this page\'s CORS preflight'],
    // Without CORS headers on the redirect, the browser does not say it was one: the message names it among the causes.
    ['redirects the CORS preflight (http→https, www)', '/test/redirect-all', 'a redirect to https:// or www'],
  ] as const) {
    it(`keeps the inquiry to send later, and tells the agency on the console, when the endpoint ${what}`, async () => {
      const key = uniqueKey();
      const el = await mountWidget({ endpoint: elsewhere(`${path}?key=${key}`), retries: 2 });
      const logged = await capturingErrors(async (seen) => {
        await sendValid(el);
        const { detail } = await oneEvent(el, 'consult-queued');
        await outbox.remove(detail.inquiryId);
        await waitUntil(() => seen.some((m) => m.includes(says)), 'the console did not say why', { timeout: 5000 });
      });
      expect(logged.filter((m) => m.includes(says)), logged.join('\n')).to.have.length(1);
      await settle();
      expect(inDialog(el, '[role="status"]')!.textContent, 'the patient is told it is kept, and offered the phone').to.contain('저장해 두었습니다');
    });
  }

  it('says nothing of settings when the receiver answers this page: a dropped connection to it is no wrong address', async () => {
    // The real receiver, from another origin: its inquiries' address answers the probe with CORS.
    const logged = await capturingErrors(() => explainUnreachable(elsewhere('/v1/sites/test/inquiries')));
    expect(logged).to.deep.equal([]);
    // The check itself: one that does not answer this page is named.
    const named = await capturingErrors(() => explainUnreachable(elsewhere('/test/no-cors?key=probe')));
    expect(named.join('\n')).to.contain('refuses this page');
  });
});

describe('sending: one id per content', () => {
  it('keeps the id while nothing changes, and takes a new one once the patient changes what was typed', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/status?code=500&key=${key}`, retries: 1 });
    await sendValid(el);
    const first = (await oneEvent(el, 'consult-error')).detail.inquiryId;
    submitButton(el).click();
    expect((await oneEvent(el, 'consult-error')).detail.inquiryId, 'unchanged: same id').to.equal(first);
    await typeInto(el, 'message', ' 추가');
    submitButton(el).click();
    const changed = (await oneEvent(el, 'consult-error')).detail.inquiryId;
    expect(changed, 'changed: a new id').to.not.equal(first);
    const sent = await attempts(key);
    expect(sent.map((a) => a.idempotencyKey)).to.deep.equal([first, first, changed]);
    expect(sent[1].body, 'the unchanged try is the same body').to.deep.equal(sent[0].body);
    expect(sent[2].body.fields.message).to.equal(`${VALID.message} 추가`);
  });
});

describe('sending: body, spam signals and limits', () => {
  it('sends format "form" as application/x-www-form-urlencoded that decodes to a valid inquiry', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/ok?key=${key}`, format: 'form', marketingConsent: true });
    await sendValid(el);
    const { detail } = await oneEvent(el, 'consult-success');
    const [attempt] = await attempts(key);
    expect(attempt.contentType).to.equal('application/x-www-form-urlencoded');
    expect(attempt.idempotencyKey, 'no header beyond Content-Type: a simple request, no preflight').to.equal(undefined);
    const inquiry = InquirySchema.parse(fromFormBody(attempt.body as unknown as string));
    expect(inquiry.id).to.equal(detail.inquiryId);
    expect({ ...inquiry.fields }).to.deep.equal(VALID);
    expect(inquiry.consent).to.include({ privacy: true, marketing: false });
  });

  it('is stored by the receiver when sent as a form (format "form"), with its spam signals', async () => {
    const el = await mountWidget({ endpoint: '/api/inquiry', format: 'form' });
    await sendValid(el);
    const { detail } = await oneEvent(el, 'consult-success');
    expect(detail.status).to.equal(201);
    const stored = (await received()).find((r) => r.inquiry.id === detail.inquiryId);
    expect(stored, 'the receiver stored it').to.exist;
    expect({ ...stored!.inquiry.fields }).to.deep.equal(VALID);
    expect(stored!.inquiry.antispam!.honeypot).to.equal('');
    expect(stored!.inquiry.antispam!.elapsedMs).to.be.a('number');
  });

  it('sends the time from opening the form and an empty honeypot that people never meet', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/ok?key=${key}` });
    await openByClick(el, 'cost');
    const hp = inDialog<HTMLElement>(el, '.hp')!;
    expect(hp.getAttribute('aria-hidden')).to.equal('true');
    expect(hp.inert).to.be.true;
    expect(hp.querySelector('input')!.tabIndex).to.equal(-1);
    const box = hp.getBoundingClientRect();
    expect(box.right <= 0 || box.width <= 1, 'not visible').to.be.true;
    await expect(dialogOf(el)).to.be.accessible();
    // A sleep on purpose: the patient reads the form before typing, and elapsedMs must count that time (at least 300 below); nothing is awaited.
    await aTimeout(300);
    await fillValid(el);
    submitButton(el).click();
    await oneEvent(el, 'consult-success');
    const [{ body }] = await attempts(key);
    expect(body.antispam!.honeypot).to.equal('');
    expect(body.antispam!.elapsedMs).to.be.at.least(300).and.below(60_000);
  });

  it('sends what a bot put into the honeypot', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/ok?key=${key}` });
    await openByClick(el, 'cost');
    inDialog<HTMLInputElement>(el, '.hp input')!.value = 'http://spam.example';
    await fillValid(el);
    submitButton(el).click();
    await oneEvent(el, 'consult-success');
    const [{ body }] = await attempts(key);
    expect(body.antispam!.honeypot).to.equal('http://spam.example');
  });

  it('trims text and removes control characters before sending', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/ok?key=${key}` });
    await openByClick(el, 'cost');
    await fillValid(el);
    setField(el, 'name', '  홍\u0007길\u202E동\u0000  ');
    setField(el, 'message', ' 첫 줄\r\n둘째 줄\u001b ');
    submitButton(el).click();
    await oneEvent(el, 'consult-success');
    const [{ body }] = await attempts(key);
    expect(body.fields.name).to.equal('홍길동');
    expect(body.fields.message).to.equal('첫 줄\n둘째 줄');
  });

  it('keeps the body under 16 KB whatever the configuration: the form limits what can be typed', async () => {
    const key = uniqueKey();
    const fields = [
      { name: 'name', kind: 'text', required: true },
      { name: 'phone', kind: 'tel', required: true },
      ...Array.from({ length: 8 }, (_, i) => ({ name: `note${i}`, kind: 'textarea', maxLength: 2000 })),
    ];
    const el = await mountWidget({ endpoint: `/test/ok?key=${key}`, format: 'form', forms: [{ id: 'cost', fields }] });
    await openByClick(el, 'cost');
    await fillValid(el, { name: '홍길동', phone: '010-1234-5678' });
    for (let i = 0; i < 8; i++) {
      const area = inDialog<HTMLTextAreaElement>(el, `[name="note${i}"]`)!;
      expect(area.maxLength, 'cut from 2000').to.be.below(2000).and.above(50);
      setField(el, `note${i}`, '힣'.repeat(area.maxLength));
    }
    submitButton(el).click();
    await oneEvent(el, 'consult-success');
    const [{ body }] = await attempts(key);
    expect(new TextEncoder().encode(body as unknown as string).length).to.be.at.most(MAX_INQUIRY_BYTES);
  });

  it('answers a burst of inquiries from one browser with a clear message, sending nothing', async () => {
    for (let i = 0; i < MAX_SENDS; i++) takeSendSlot();
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/ok?key=${key}` });
    const failed = oneEvent(el, 'consult-error');
    await sendValid(el);
    const { detail } = await failed;
    expect(detail.reason).to.equal('rate-limit');
    expect(await alertText(el)).to.contain('여러 번');
    expect(await attempts(key)).to.deep.equal([]);
  });
});

describe('sending: the outbox', () => {
  it('a dialog taken out of the page stops waiting on its saved inquiry (another tab tells of it), and waits on it again when put back', async () => {
    const el = await mountWidget({ endpoint: `/test/drop?key=${uniqueKey()}`, retries: 1 });
    const online = goOffline();
    const waitMark = async (id: string) => ((await navigator.locks.query()).held ?? []).some((l) => l.name === `consult-widget-waiting:${id}`);
    try {
      await sendValid(el);
      const { detail } = await oneEvent(el, 'consult-queued');
      await waitUntil(() => waitMark(detail.inquiryId), 'the dialog does not mark the inquiry it waits on');
      const parent = el.parentElement!;
      el.remove();
      await waitUntil(async () => !(await waitMark(detail.inquiryId)), 'a dialog out of the page still holds its inquiry');
      parent.append(el);
      await waitUntil(() => waitMark(detail.inquiryId), 'put back, the dialog does not wait on its inquiry again');
      await outbox.remove(detail.inquiryId);
    } finally {
      online();
    }
  });

  it('offline: saves the inquiry, tells the patient in words, and sends it under its id when the browser is back online', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/ok?key=${key}` });
    const online = goOffline();
    try {
      await sendValid(el);
      const { detail } = await oneEvent(el, 'consult-queued');
      await settle();
      const status = inDialog(el, '[role="status"]')!;
      expect(status.textContent).to.contain('저장해 두었습니다');
      expect(status.textContent).to.contain('자동으로');
      expect(await attempts(key)).to.deep.equal([]);
      expect((await outbox.items()).map((i) => i.id)).to.deep.equal([detail.inquiryId]);
      online();
      const delivered = oneEvent(el, 'consult-success');
      window.dispatchEvent(new Event('online'));
      expect((await delivered).detail.inquiryId).to.equal(detail.inquiryId);
      await settle();
      expect(inDialog(el, '[role="status"]')!.textContent).to.contain('접수되었습니다');
      const [arrived] = await attempts(key);
      expect(arrived.idempotencyKey).to.equal(detail.inquiryId);
      expect(await outbox.items()).to.deep.equal([]);
    } finally {
      online();
    }
  });

  it('saves it too when the tries run out on network errors', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/drop?key=${key}&fails=2`, retries: 2 });
    await sendValid(el);
    const { detail } = await oneEvent(el, 'consult-queued');
    expect(await attempts(key)).to.have.length(2);
    const delivered = oneEvent(el, 'consult-success');
    window.dispatchEvent(new Event('online'));
    await delivered;
    expect((await attempts(key)).map((a) => a.idempotencyKey)).to.deep.equal([detail.inquiryId, detail.inquiryId, detail.inquiryId]);
  });

  it('keeps what it says it keeps when another tab holds the outbox: a failed try\'s clean-up does not remove the next try\'s copy', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/status?code=503&key=${key}`, retries: 1 });
    // Another tab sending from the outbox on a slow network holds it meanwhile.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let taken!: () => void;
    const lockTaken = new Promise<void>((resolve) => (taken = resolve));
    void navigator.locks.request('consult-widget-outbox', () => {
      taken();
      return held;
    });
    await lockTaken;
    const online = goOffline;
    let back: (() => void) | undefined;
    try {
      await sendValid(el);
      await oneEvent(el, 'consult-error');
      back = online();
      const queued = oneEvent(el, 'consult-queued');
      submitButton(el).click();
      release();
      const { detail } = await queued;
      // Once everything waiting for the outbox has run:
      await navigator.locks.request('consult-widget-outbox', async () => undefined);
      expect((await outbox.items()).map((i) => i.id), 'saved, as the patient was told').to.deep.equal([detail.inquiryId]);
    } finally {
      release();
      back?.();
    }
  });

  it('tries a waiting inquiry again while the page is open, though the browser never says it is back online', async function () {
    this.timeout(20_000);
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/drop?key=${key}&fails=2`, retries: 2 });
    await sendValid(el);
    const { detail } = await oneEvent(el, 'consult-queued');
    // No 'online' event: a phone whose connection came back without the browser noticing.
    const delivered = await oneEvent(el, 'consult-success');
    expect(delivered.detail.inquiryId).to.equal(detail.inquiryId);
    await settle();
    expect(inDialog(el, '[role="status"]')!.textContent).to.contain('접수되었습니다');
    expect(await outbox.items()).to.deep.equal([]);
  });

  it('says the privacy notice keeps unsent inquiries in the browser for at most 24 hours', async () => {
    const el = await mountWidget();
    await openByClick(el, 'cost');
    expect(inDialog(el, '[part="consent"]')!.textContent).to.contain('최대 24시간');
    inDialog<HTMLButtonElement>(el, '[part="policy-toggle"]')!.click();
    await settle();
    expect(inDialog(el, '#policy')!.textContent).to.contain('24시간');
  });
});
