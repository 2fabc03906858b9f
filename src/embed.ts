import { defineElements } from './define.js';
import { readConfigBlock, readDataset, toKebab } from './config/sources.js';
import { describeProblems } from './config/check.js';
import type { LoaderHandoff } from './api.js';

/**
 * Starts the widget for the script tag: registers the elements, mounts one <consult-widget>
 * at the end of <body> with the page's settings, and makes window.ConsultWidget real,
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
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

function mount({ dataset, queue, api }: LoaderHandoff): void {
  defineElements();
  const found = document.querySelector('consult-widget');
  const el = found ?? document.createElement('consult-widget');
  const block = readConfigBlock(document);
  if (block.problem) console.error(describeProblems([block.problem]));
  if (block.config) el.config = { ...block.config, ...el.config };
  for (const [name, value] of Object.entries(readDataset(dataset))) {
    const attribute = toKebab(name);
    if (!el.hasAttribute(attribute) && typeof value === 'string') el.setAttribute(attribute, value);
  }
  if (!found) document.body.append(el);
  Object.assign(api, {
    open: (formId?: string) => el.open(formId),
    close: () => el.close(),
    configure: (partial: Parameters<typeof el.configure>[0]) => el.configure(partial),
    element: el,
  });
  for (const [method, args, resolve] of queue.splice(0)) resolve((api[method] as (...a: unknown[]) => unknown)(...args));
}

// For pages that load this module directly and place <consult-widget> themselves.
export { defineElements };
export { ConsultWidget } from './components/widget/widget.js';
