// A corpus of hostile input through every configuration text and every field a patient can
// type into: nothing executes, nothing throws into the page, and the widget keeps working.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { attempts, capturingErrors, dialogOf, inDialog, mountWidget, openByClick, settle, uniqueKey } from '../helpers.js';
import { InquirySchema } from '../../src/schema/inquiry.js';
import type { ConsultWidget } from '../../src/components/widget/widget.js';

declare global {
  interface Window {
    pwned?: number;
  }
}

const HOSTILE = [
  '<img src=x onerror="window.pwned=1">',
  '<script>window.pwned=1</script>',
  '"><svg onload="window.pwned=1">',
  "'><iframe srcdoc=\"<script>parent.pwned=1</script>\">",
  '</script><script>window.pwned=1</script>',
  '<a href="javascript:window.pwned=1">x</a>',
  'javascript:window.pwned=1',
  'JaVaScRiPt:window.pwned=1',
  'java\tscript:window.pwned=1',
  ' javascript:window.pwned=1',
  '&#106;avascript:window.pwned=1',
  'data:text/html,<script>parent.pwned=1</script>',
  '${window.pwned=1}',
  '{{constructor.constructor("window.pwned=1")()}}',
  '__proto__',
  'constructor',
  '\u202Eevil\u202C \u2066rtl\u2069 \u200F',
  '\u200B\u200C\u200D\uFEFF\u2060',
  '\uD800 lone \uDFFF',
  'a\u0000b\u0007c\u001Bd\u007F',
  '%3Cscript%3Ewindow.pwned=1%3C/script%3E',
  '/\\evil.example',
  'x'.repeat(10_000),
  '가'.repeat(10_000),
];

/**
 * Runs fn with a listener for errors that reach the page; answers them, and what went to
 * console.error (the configuration problems, reported there as designed).
 */
async function pageErrors(fn: () => Promise<void>): Promise<{ errors: string[]; logged: string[] }> {
  const errors: string[] = [];
  const onError = (e: ErrorEvent) => errors.push(String(e.error ?? e.message));
  const onRejection = (e: PromiseRejectionEvent) => errors.push(String(e.reason));
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  try {
    const logged = await capturingErrors(async () => {
      await fn();
      await settle();
    });
    return { errors, logged };
  } finally {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  }
}

/** Every configuration text set to one hostile string. */
function hostileConfig(text: string, key: string) {
  return {
    endpoint: `/test/ok?key=${key}`,
    clinicName: text,
    phone: text,
    kakaoUrl: text,
    blogUrl: text,
    mapUrl: text,
    address: text,
    hours: text,
    locale: text,
    position: text,
    interests: [text, '정수리'],
    policy: { text, version: text, url: text, retentionMonths: 12 },
    theme: { brand: text, font: text, radius: text },
    buttons: ['phone', 'kakao', 'blog', 'directions', 'cost', 'consult', { type: 'link', label: text, url: text }, { type: 'form', label: text, form: 'event' }],
    forms: [
      { id: 'cost', title: text, submitLabel: text },
      {
        id: 'event',
        title: text,
        fields: [
          { name: 'name', kind: 'text', label: text, placeholder: text, required: true },
          { name: 'phone', kind: 'tel', required: true },
          { name: 'pick', kind: 'select', label: text, options: [text, { value: text, label: text }] },
          { name: 'when', kind: 'radio', label: text, options: [text, '오후'] },
          { name: 'ok', kind: 'checkbox', label: text },
          { name: text, kind: 'text' },
        ],
      },
    ],
  };
}

function setField(el: ConsultWidget, name: string, value: string): void {
  const field = inDialog<HTMLInputElement>(el, `[name="${name}"]`)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

describe('hostile input', () => {
  afterEach(() => {
    delete window.pwned;
  });

  for (const text of HOSTILE) {
    it(`through every configuration text, rendered as text or refused, never run, never thrown: ${JSON.stringify(text.slice(0, 30))}`, async () => {
      let eventOpened = false;
      let directionsOpened = false;
      const { errors, logged } = await pageErrors(async () => {
        const el = await mountWidget(hostileConfig(text, uniqueKey()));
        for (const id of ['cost', 'consult']) {
          await openByClick(el, id);
          inDialog<HTMLButtonElement>(el, '[part="policy-toggle"]')!.click();
          await settle();
          el.close();
        }
        // A text too long for a form's title drops that form (and says so); otherwise it opens.
        eventOpened = await el.open('event');
        if (eventOpened) {
          await waitUntil(() => inDialog(el, 'dialog[open] form'), 'event form');
          el.close();
        }
        // A text too long for the address and hours, and no URL, leaves directions nothing to show (and says so).
        directionsOpened = await el.open('directions');
        await settle();
        el.close();
        for (const a of el.shadowRoot!.querySelectorAll('a')) expect(a.protocol, text.slice(0, 40)).to.be.oneOf(['https:', 'http:', 'tel:', 'sms:', 'mailto:']);
        el.remove();
      });
      expect(errors, text.slice(0, 40)).to.deep.equal([]);
      expect(window.pwned, text.slice(0, 40)).to.equal(undefined);
      // No hostile text is a phone number: the refusal is reported once, naming the setting;
      // and open() of a form dropped for its title, or of directions with nothing to show, says so.
      expect(logged[0], text.slice(0, 40)).to.match(/^\[consult-widget\] Configuration problem; the widget runs without these settings:\n/);
      expect(logged[0]).to.contain('"phone" expects');
      expect(logged.slice(1), text.slice(0, 40)).to.deep.equal([
        ...(eventOpened ? [] : ['[consult-widget] open("event"): there is no form with that id.']),
        ...(directionsOpened ? [] : ['[consult-widget] Cannot open "directions": it needs "address", "hours" or "mapUrl".']),
      ]);
      expect(directionsOpened, 'directions opens whenever a setting it shows survived').to.equal(text.length <= 300);
    });
  }

  it('through every field a patient types into: sent as cleaned text, never run, never thrown', async () => {
    const key = uniqueKey();
    const el = await mountWidget({ endpoint: `/test/ok?key=${key}`, retries: 1, forms: [{ id: 'cost', fields: [{ name: 'name', kind: 'text', required: true }, { name: 'phone', kind: 'tel', required: true }, { name: 'message', kind: 'textarea' }, { name: 'memo', kind: 'text', maxLength: 2000 }] }] });
    await openByClick(el, 'cost');
    inDialog<HTMLInputElement>(el, '#consent-privacy')!.click();
    // A fresh inquiry each time (the text changes), within the per-browser limit.
    for (const text of HOSTILE.slice(0, 4)) {
      const { errors, logged } = await pageErrors(async () => {
        setField(el, 'name', text);
        setField(el, 'phone', '010-1234-5678');
        setField(el, 'message', text);
        setField(el, 'memo', text);
        const done = Promise.race([oneEvent(el, 'consult-success'), oneEvent(el, 'consult-error')]);
        inDialog<HTMLButtonElement>(el, '[part="submit"]')!.click();
        await done;
        el.close();
        await openByClick(el, 'cost');
        if (!inDialog<HTMLInputElement>(el, '#consent-privacy')!.checked) inDialog<HTMLInputElement>(el, '#consent-privacy')!.click();
      });
      expect(errors).to.deep.equal([]);
      expect(logged).to.deep.equal([]);
    }
    for (const text of HOSTILE.slice(4)) {
      const { errors, logged } = await pageErrors(async () => {
        setField(el, 'name', text);
        setField(el, 'message', text);
        setField(el, 'memo', text);
        inDialog<HTMLButtonElement>(el, '[part="submit"]')!.click();
        await settle();
        expect(dialogOf(el).shadowRoot!.querySelector('img, script, iframe, svg:not([aria-hidden])') === null).to.be.true;
      });
      expect(errors, text.slice(0, 40)).to.deep.equal([]);
      expect(logged, text.slice(0, 40)).to.deep.equal([]);
      expect(window.pwned, text.slice(0, 40)).to.equal(undefined);
    }
    const sent = await attempts(key);
    expect(sent.length).to.be.greaterThan(0);
    for (const { body } of sent) {
      expect(InquirySchema.safeParse(body).success).to.be.true;
      expect(JSON.stringify(body)).to.not.match(/[\u0000-\u0009\u000b-\u001f\u202a-\u202e]/);
    }
    expect(window.pwned).to.equal(undefined);
  });
});
