import { waitUntil } from '@open-wc/testing';
import type { ConsultWidget } from '../../src/components/widget/widget.js';
import type { ConsultWidgetApi } from '../../src/api.js';

export interface Frame {
  win: Window & { ConsultWidget?: ConsultWidgetApi; cspViolations?: string[]; pageErrors: unknown[]; consoleErrors: string[]; consoleWarnings: string[] };
  doc: Document;
  frame: HTMLIFrameElement;
}

/** Loads a page into an iframe; its first script, capture-errors.js, records errors, console errors and warnings. */
export async function loadPage(src: string, frame = document.createElement('iframe')): Promise<Frame> {
  frame.style.width = '1024px';
  frame.style.height = '700px';
  if (!frame.isConnected) document.body.append(frame);
  const win = () => frame.contentWindow as Frame['win'];
  const before = win()?.document;
  frame.src = src;
  await waitUntil(() => win()?.document !== before && win()?.location.href.includes(src.split('?')[0]) && win().document.readyState === 'complete', 'frame did not load', {
    timeout: 5000,
  });
  return { win: win(), doc: win().document, frame };
}

/** A page written by the test, served by the test runner like any host page (optionally with a CSP header). */
export function loadHtml(markup: string, options: { csp?: string; frame?: HTMLIFrameElement; query?: string } = {}): Promise<Frame> {
  // Under a nonce-based CSP the harness's own script carries the nonce: blocked, it would be a
  // violation of its own, which a page script listening for them might record before or after.
  const nonce = /'nonce-([^']+)'/.exec(options.csp ?? '')?.[1];
  const page = markup.replace(/<html([^>]*)>/, `<html$1><script${nonce ? ` nonce="${nonce}"` : ''} src="/test/fixtures/capture-errors.js"></script>`);
  const csp = options.csp ? `csp=${encodeURIComponent(options.csp)}&` : '';
  const query = options.query ? `&${options.query}` : '';
  return loadPage(`/test/page?${csp}html=${encodeURIComponent(page)}${query}`, options.frame);
}

export const widgetOf = (f: Frame) => f.doc.querySelector('consult-widget') as ConsultWidget;

export const mounted = (f: Frame, el: () => Element | null = () => f.doc.querySelector('consult-widget')) =>
  waitUntil(() => el()?.shadowRoot?.querySelector('[part~="button"]'), 'widget did not mount', { timeout: 5000 });

/** Whether the frame has downloaded one of the built script's chunks ("dialog", "outbox", "en.widget"…): a resource entry appears once a download is done. */
export const fetched = (f: Frame, chunk: string) => f.win.performance.getEntriesByType('resource').some((e) => e.name.includes(`/chunks/${chunk}-`));

/**
 * Waits for the widget's idle task: once the page has loaded and the browser is idle, it records
 * the visit, for which it downloads the outbox chunk. Mounting, the first renders and the console
 * messages about the settings all come before it: a check that nothing more happened at start-up
 * can be made once it is done.
 */
export const idleTaskDone = (f: Frame) => waitUntil(() => fetched(f, 'outbox'), 'the widget\'s idle task did not run', { timeout: 8000 });

/**
 * The CSP violations reported so far in a frame with test/fixtures/csp-watch.js. Reports are
 * dispatched as tasks of their own, a moment after the violation: this causes one more (a fetch
 * that connect-src refuses), waits for its report, and answers the ones before it, which the
 * browser dispatched first. The frame's CSP must restrict connect-src.
 */
export async function cspReportsSoFar(f: Frame): Promise<string[]> {
  const sentinel = 'csp-sentinel.invalid';
  f.win.fetch(`https://${sentinel}/`).catch(() => undefined);
  await waitUntil(() => f.win.cspViolations!.some((v) => v.includes(sentinel)), 'the sentinel violation was not reported', { timeout: 5000 });
  return f.win.cspViolations!.filter((v) => !v.includes(sentinel));
}

/** The open dialog's shadow root, inside a frame's widget. */
export async function openForm(f: Frame, el: Element, formId = 'cost'): Promise<ShadowRoot> {
  await (f.win.ConsultWidget!.open(formId));
  await waitUntil(() => el.shadowRoot!.querySelector('consult-dialog')?.shadowRoot?.querySelector('dialog[open] form'), 'no form', { timeout: 5000 });
  return el.shadowRoot!.querySelector('consult-dialog')!.shadowRoot!;
}

/** Fills the cost form with valid values and consent, and presses send. */
export function fillAndSend(root: ShadowRoot, values: Record<string, string> = { name: '홍길동', phone: '010-1234-5678', message: '문의합니다' }): void {
  for (const [name, value] of Object.entries(values)) {
    const field = root.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
  root.querySelector<HTMLInputElement>('#consent-privacy')!.click();
  // The cost form's message is sensitive information: a patient who writes one agrees to that too.
  root.querySelector<HTMLInputElement>('#consent-sensitive')?.click();
  root.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
}
