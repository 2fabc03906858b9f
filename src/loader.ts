/**
 * The classic script agencies paste into a page: one file with Lit and the buttons, so the
 * buttons need a single request. It is built as a classic script (no import statements) and
 * stays synchronous up to the point where it knows its own URL; the dialog, the outbox and the
 * translations are fetched later from next to this file, never from the page's base URL.
 *
 * Page markup can shadow globals by name ("DOM clobbering"): <form id="ConsultWidget"> makes
 * window.ConsultWidget a form (with an input named __consultWidget it even looks like us), and
 * <img name="currentScript" src="https://evil…"> replaces document.currentScript. So we insist
 * on a real <script> (or look ourselves up by file name), and recognise an earlier copy of
 * ourselves by a symbol, which no element can carry.
 */
import type { LoaderHandoff } from './api.js';
import { boot } from './embed.js';
import { setScriptBase } from './script-base.js';
import { READ_DATASET, toKebab } from './config/sources.js';
import { shareModules } from './shared.js';

(() => {
  const MARK = Symbol.for('consult-widget');
  const current: unknown = document.currentScript;
  // currentScript is null when a script optimizer (e.g. a "rocket loader") re-inserts us.
  const script = (current instanceof HTMLScriptElement
    ? current
    : document.querySelector('script[src*="consult-widget.js"]')) as HTMLScriptElement | null;
  // Frozen: it is also the mark below, where page scripts could otherwise change it before mounting.
  const dataset = Object.freeze({ ...script?.dataset });
  // A second copy (a theme and a plugin both paste the tag) does nothing; the settings it
  // carries that differ from the first tag's (kept under MARK) would be lost without a word.
  // An older copy marks itself with true, not its settings: nothing to compare with then.
  let first: LoaderHandoff['dataset'] | true | undefined;
  try {
    first = (window.ConsultWidget as unknown as Record<symbol, LoaderHandoff['dataset'] | true> | undefined)?.[MARK];
  } catch {
    // An <iframe name="ConsultWidget"> of another origin: a window whose properties throw when read.
  }
  if (first) {
    const ignored = first === true ? [] : READ_DATASET.filter((key) => key in dataset && dataset[key] !== first[key]).map((key) => `data-${toKebab(key)}`);
    if (ignored.length) console.warn(`[consult-widget] Ignored a second script tag's ${ignored.join(', ')}: the first tag's settings are used.`);
    return;
  }
  const queue: LoaderHandoff['queue'] = [];
  // Calls made before the widget arrives wait in a queue; open() still answers, later.
  const later =
    (method: LoaderHandoff['queue'][number][0]) =>
    (...args: unknown[]) =>
      new Promise((resolve) => queue.push([method, args, resolve]));
  const api = {
    [MARK]: dataset,
    open: later('open') as LoaderHandoff['api']['open'],
    close: later('close') as LoaderHandoff['api']['close'],
    configure: later('configure') as LoaderHandoff['api']['configure'],
  } as LoaderHandoff['api'];
  // Assigning makes an own property of window, which wins over any element named ConsultWidget.
  // A page that made the name read-only keeps it; the buttons still come, without the API.
  try {
    window.ConsultWidget = api;
  } catch {
    console.error('[consult-widget] window.ConsultWidget is read-only here: no open(), close() or configure().');
  }
  if (!script?.src) {
    console.error('[consult-widget] Load consult-widget.js with <script src="…">; it cannot find its own URL otherwise.');
    return;
  }
  setScriptBase(script);
  shareModules();
  boot({ dataset, queue, api });
})();
