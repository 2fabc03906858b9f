/**
 * The classic script agencies paste into a page. It must stay import-free (a classic script
 * cannot import), tiny, and synchronous up to the point where it knows its own URL, because
 * document.currentScript is only set while this runs. Everything else is fetched from next
 * to this file, never from the page's base URL.
 */
import type { LoaderHandoff } from './api.js';

(() => {
  const existing = window.ConsultWidget as LoaderHandoff['api'] | undefined;
  if (existing && existing.__consultWidget) return;
  const script = document.currentScript as HTMLScriptElement | null;
  const queue: LoaderHandoff['queue'] = [];
  const api: LoaderHandoff['api'] = {
    __consultWidget: true,
    open: (...args: unknown[]) => void queue.push(['open', args]),
    close: (...args: unknown[]) => void queue.push(['close', args]),
    configure: (...args: unknown[]) => void queue.push(['configure', args]),
  };
  window.ConsultWidget = api;
  if (!script?.src) {
    console.error('[consult-widget] Load consult-widget.js with <script src="…">; it cannot find its own URL otherwise.');
    return;
  }
  const handoff: LoaderHandoff = { dataset: { ...script.dataset }, queue, api };
  const entry = new URL('consult-widget.embed.js', script.src).href;
  import(/* @vite-ignore */ entry).then(
    (module: { boot(handoff: LoaderHandoff): void }) => module.boot(handoff),
    (error: unknown) => console.error(`[consult-widget] Could not load ${entry}:`, error),
  );
})();
