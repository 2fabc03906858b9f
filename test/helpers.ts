import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/index.js';
import './reset-storage.js';
export { resetStorage } from './reset-storage.js';
import type { ConsultWidget } from '../src/components/widget/widget.js';
import type { ConsultDialog } from '../src/components/dialog/dialog.js';
import type { ConfigInput } from '../src/config/merge.js';
import type { Inquiry } from '../src/schema/inquiry.js';

export const VALID = { name: '홍길동', phone: '010-1234-5678', message: '비용이 궁금합니다.' };

/** A widget in the page with the given settings, its buttons rendered. */
export async function mountWidget(config: ConfigInput = {}, attrs: Record<string, string> = {}): Promise<ConsultWidget> {
  const el = await fixture<ConsultWidget>(html`<consult-widget .config=${{ endpoint: '/api/inquiry', phone: '1833-7488', ...config }}></consult-widget>`);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  await waitUntil(() => el.shadowRoot?.querySelector('.root'), 'buttons did not render');
  return el;
}

export function button(el: ConsultWidget, id: string): HTMLElement {
  const found = el.shadowRoot!.querySelector<HTMLElement>(`[part~="button-${id}"]`);
  if (!found) throw new Error(`no button-${id}`);
  return found;
}

export function dialogOf(el: ConsultWidget): ConsultDialog {
  const dialog = el.shadowRoot!.querySelector('consult-dialog');
  if (!dialog) throw new Error('dialog not loaded');
  return dialog;
}

export function inDialog<T extends Element = HTMLElement>(el: ConsultWidget, selector: string): T | null {
  return dialogOf(el).shadowRoot!.querySelector<T>(selector);
}

/** The error a field is described by (aria-describedby may also name its hint), if any. */
export function fieldError(el: ConsultWidget, name: string): HTMLElement | undefined {
  const ids = inDialog(el, `[name="${name}"]`)?.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => dialogOf(el).shadowRoot!.getElementById(id)).find((node): node is HTMLElement => !!node?.classList.contains('error'));
}

/** Clicks a contact button and waits until its dialog is open and has content. */
export async function openByClick(el: ConsultWidget, id: string): Promise<ConsultDialog> {
  button(el, id).click();
  await waitUntil(() => el.shadowRoot!.querySelector('consult-dialog')?.shadowRoot?.querySelector('dialog[open] .body'), `dialog ${id} did not open`, {
    timeout: 5000,
  });
  return dialogOf(el);
}

/**
 * Whether two elements are the same, asserted as a boolean: a failing chai comparison of DOM
 * elements stalls the test runner while it tries to serialize them.
 */
export function expectSame(actual: Element | null, expected: Element | null, what: string): void {
  expect(actual === expected, `${what}: got <${actual?.tagName?.toLowerCase() ?? 'null'}${actual?.getAttribute('name') ? ` name=${actual.getAttribute('name')}` : ''}>`).to.be.true;
}

/** The element focused inside shadow roots, all the way down. */
export function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Types into a field the way a patient does: focus it, then keystrokes. */
export async function typeInto(el: ConsultWidget, name: string, text: string): Promise<void> {
  const field = inDialog<HTMLInputElement>(el, `[name="${name}"]`);
  if (!field) throw new Error(`no field ${name}`);
  field.focus();
  await sendKeys({ type: text });
}

/**
 * A patient typing the values and ticking the general consent, and the sensitive-information
 * one when they wrote in a field that asks for it (the preset message does).
 */
export async function fillValid(el: ConsultWidget, values: Record<string, string> = VALID): Promise<void> {
  for (const [name, text] of Object.entries(values)) await typeInto(el, name, text);
  await tickBox(el, 'consent-privacy');
  if (inDialog<HTMLInputElement>(el, '#consent-sensitive')?.required) await tickBox(el, 'consent-sensitive');
}

export function submitButton(el: ConsultWidget): HTMLButtonElement {
  return inDialog<HTMLButtonElement>(el, '[part="submit"]')!;
}

/** Taps send and answers how many inquiries went out (consult-submit events) in the next frames. */
export async function tapSend(el: ConsultWidget): Promise<number> {
  let submitted = 0;
  const count = () => submitted++;
  el.addEventListener('consult-submit', count);
  submitButton(el).click();
  await settle();
  el.removeEventListener('consult-submit', count);
  return submitted;
}

export async function settle(): Promise<void> {
  await nextFrame();
  await nextFrame();
}

export async function attempts(key: string): Promise<Array<{ idempotencyKey: string; contentType: string; body: Inquiry }>> {
  return (await fetch(`/test/attempts?key=${encodeURIComponent(key)}`)).json();
}

export async function received(): Promise<Array<{ inquiry: Inquiry }>> {
  return (await fetch('/api/inquiries')).json();
}

export const uniqueKey = () => Math.random().toString(36).slice(2);

/** Adds a stylesheet to the host page, the way a site's own CSS would; returns its removal. */
export function hostStyles(cssText: string, ...elements: HTMLElement[]): () => void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(cssText);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  document.body.append(...elements);
  return () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    elements.forEach((el) => el.remove());
  };
}

export function element(tag: string, className: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  return el;
}

/** A patient opening a form, filling it in correctly, consenting and pressing send. */
export async function sendValid(el: ConsultWidget, formId = 'cost'): Promise<void> {
  await openByClick(el, formId);
  await fillValid(el);
  submitButton(el).click();
}

/**
 * Runs `body` with console.error (or console.warn) captured, for tests that cause the messages
 * they expect: assert on what it returns (`body` sees them as they come). Anything else written fails the test
 * (test/console-guard.ts), so `npm test` prints only what a developer needs.
 */
export async function capturingConsole(body: (messages: readonly string[]) => Promise<unknown>, level: 'error' | 'warn' = 'error'): Promise<string[]> {
  const messages: string[] = [];
  const original = console[level];
  console[level] = (...args: unknown[]) => messages.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(' '));
  try {
    await body(messages);
  } finally {
    console[level] = original;
  }
  return messages;
}

export const capturingErrors = (body: (messages: readonly string[]) => Promise<unknown>): Promise<string[]> => capturingConsole(body, 'error');

/** Ticks a consent box in the open dialog the way a keyboard user does: focus, then Space. */
export async function tickBox(el: ConsultWidget, id: string): Promise<void> {
  inDialog<HTMLInputElement>(el, `#${id}`)!.focus();
  await sendKeys({ press: 'Space' });
}

/**
 * Fills localStorage to its quota, as a page's own scripts can: the widget then cannot keep an
 * inquiry for later. Answers the function that empties it again.
 */
export function fillLocalStorage(): () => void {
  const keys: string[] = [];
  for (let size = 1024 * 1024; size >= 1; ) {
    const key = `page-data-${keys.length}`;
    try {
      localStorage.setItem(key, 'x'.repeat(size));
      keys.push(key);
    } catch {
      size = Math.floor(size / 2);
    }
  }
  return () => keys.forEach((key) => localStorage.removeItem(key));
}
