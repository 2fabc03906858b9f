import { defineElements } from './define.js';
import { CONFIG_BLOCK_ID, readConfigBlock, readDataset, strayDataset, toKebab } from './config/sources.js';
import { ConsultWidget } from './components/widget/widget.js';
import type { LoaderHandoff } from './api.js';
import type { ConfigInput } from './config/merge.js';

/**
 * Starts the widget for the script tag: registers the elements, mounts one <consult-widget>
 * at the end of the page (after <body>) with the page's settings, and makes window.ConsultWidget real,
 * replaying calls the page made before this module arrived. Never throws into the page.
 */
export function boot(handoff: LoaderHandoff): void {
  const start = () => {
    try {
      mount(handoff);
    } catch (error) {
      console.error('[consult-widget] Could not start:', error);
    }
  };
  // The JSON block may sit anywhere in the page; wait until all of it has been parsed.
  // Otherwise in a task of its own: running the script and rendering the buttons are then two
  // short tasks rather than one long one that would hold up the page's input.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else setTimeout(start);
}

/**
 * The <consult-widget> to use: a new one, unless the script tag names one already in the page
 * with data-adopt="<its id>". Markup in the page (a review board that allows HTML) could hold
 * a <consult-widget endpoint="…">, so one is never taken just because it is there, and an id
 * that more than one element carries is not trusted either.
 */
function pick(adopt: string | undefined): ConsultWidget | undefined {
  if (!adopt) return undefined;
  const found = [...document.querySelectorAll('consult-widget')].filter((el) => el.id === adopt);
  if (found.length === 1) return found[0];
  console.warn(`[consult-widget] Not one <consult-widget id="${adopt}"> to adopt`);
  return undefined;
}

function mount({ dataset, queue, api }: LoaderHandoff): void {
  defineElements();
  // data-mount="none": the page places <consult-widget> itself (see demo/elements.html), and
  // window.ConsultWidget works on the one it placed, when it is called.
  const none = dataset.mount === 'none';
  // data-mount="none" with data-adopt: only the page's own element works (see ConsultWidget.owner).
  if (none && dataset.adopt) ConsultWidget.owner = dataset.adopt;
  const el = none ? undefined : place(dataset);
  const target = () => {
    const found = el ?? [...document.querySelectorAll('consult-widget')].find(ConsultWidget.owns);
    if (!found) console.error(`[consult-widget] No <consult-widget${dataset.adopt ? ` id="${dataset.adopt}"` : ''}> in the page (with data-mount="none", the page places it).`);
    return found;
  };
  Object.assign(api, {
    open: (formId?: string) => target()?.open(formId) ?? Promise.resolve(false),
    close: () => target()?.close(),
    configure: (partial: ConfigInput) => target()?.configure(partial),
    element: el,
  });
  for (const [method, args, resolve] of queue.splice(0)) resolve((api[method] as (...a: unknown[]) => unknown)(...args));
}

/** Mounts (or adopts) the script tag's own <consult-widget>, with the page's settings. */
function place(dataset: LoaderHandoff['dataset']): ConsultWidget {
  const adopted = pick(dataset.adopt);
  const el = adopted ?? document.createElement('consult-widget');
  // Only this element renders; any other <consult-widget> in the page stays empty.
  ConsultWidget.owner = el;
  const block = readConfigBlock(document);
  if (block.ignored) console.warn(`[consult-widget] Ignored a #${CONFIG_BLOCK_ID} that is not a JSON script`);
  // Reported with the settings' own problems, in one console error.
  el.sourceProblems = [...(block.problem ? [block.problem] : []), ...strayDataset(dataset)];
  if (block.config) el.config = { ...block.config, ...el.config };
  // The script tag's own settings win over attributes the adopted element carries.
  for (const [name, value] of Object.entries(readDataset(dataset))) {
    if (typeof value === 'string') el.setAttribute(toKebab(name), value);
  }
  if (!adopted) stayInPage(el);
  return el;
}

/**
 * Our element lives after <body>, a child of <html>. Pages style <body> freely, and a transform,
 * filter or `contain: paint` on it (an old "GPU" hack, a zoom, a slide-in menu) would make it the
 * box our fixed buttons are placed in, pinning them to the end of a long page instead of the
 * screen. Single-page sites replace <body> (Turbo Drive, pjax, Astro view transitions) or
 * re-render its children after a History API navigation, which then leaves us in place; a
 * page that empties <html> itself gets the same element back at once (a mutation observer
 * runs before the next frame), with a patient's drafts, kept by the element.
 */
function stayInPage(el: HTMLElement): void {
  const root = () => document.documentElement;
  const observer = new MutationObserver(() => {
    if (!el.isConnected) root().append(el);
  });
  observer.observe(root(), { childList: true });
  root().append(el);
}

// For pages that load this module directly and place <consult-widget> themselves.
export { defineElements };
export { ConsultWidget };
