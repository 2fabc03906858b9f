/**
 * chunks.ts for the script-tag build: the dialog, the outbox and the translations are ES
 * modules built next to the classic script (dist/chunks/), loaded by URL from wherever the
 * script itself came from, never from the page's base URL. __CONSULT_CHUNKS__ is defined by
 * the build with their hashed file names.
 */
import { scriptBase, scriptNonce } from './script-base.js';
import type * as Chunks from './chunks.js';

declare const __CONSULT_CHUNKS__: Record<'dialog' | 'outbox' | 'ko.dialog' | `${keyof typeof Chunks.localeLoaders}.${'widget' | 'dialog'}`, string>;

const failures = new Map<string, number>();

/**
 * A chunk's URL, next to the script. The browser keeps a failed module import for the page's
 * lifetime, so after a failure (the phone lost its connection just as the patient tapped) the
 * next try asks for a new URL.
 */
function chunkUrl(file: string): string {
  const url = new URL(file, scriptBase());
  const failed = failures.get(file);
  if (failed) url.searchParams.set('retry', String(failed));
  return url.href;
}

/** Imports a chunk, under a new URL after a failure (see chunkUrl). */
const load = <T>(file: string): Promise<T> =>
  (import(/* @vite-ignore */ chunkUrl(file)) as Promise<T>).catch((error: unknown) => {
    failures.set(file, (failures.get(file) ?? 0) + 1);
    throw error;
  });

export const loadOutbox: typeof Chunks.loadOutbox = () => load(__CONSULT_CHUNKS__.outbox);
/**
 * The dialog uses the outbox chunk's modules, which that chunk lends it when it runs (see
 * vite.config.ts) rather than the dialog importing them by URL: so a failed download of either
 * file is tried again, under a new URL, on the next tap.
 */
export const loadDialogModule: typeof Chunks.loadDialogModule = () => {
  // Both download at once; the dialog runs once the outbox chunk has.
  preload(__CONSULT_CHUNKS__.dialog);
  return loadOutbox().then(() => load(__CONSULT_CHUNKS__.dialog));
};
const texts = <L extends keyof typeof Chunks.localeLoaders>(locale: L): (typeof Chunks.localeLoaders)[L] => ({
  buttons: () => load(__CONSULT_CHUNKS__[`${locale}.widget`]),
  dialog: () => load(__CONSULT_CHUNKS__[`${locale}.dialog`]),
});
export const localeLoaders: typeof Chunks.localeLoaders = { en: texts('en'), ja: texts('ja'), zh: texts('zh') };
export const loadSourceDialogTexts: typeof Chunks.loadSourceDialogTexts = () => load(__CONSULT_CHUNKS__['ko.dialog']);

let preloaded = false;
/**
 * Fetches and compiles the dialog's code (and the outbox chunk it needs) and its texts in the
 * page's language without running them, so waiting for the browser to be idle costs the page
 * no main-thread time; running them waits for a patient's intent. A modulepreload link, not
 * fetch(): script-src, which lets the script in, covers it, where a page's connect-src may not.
 */
export const preloadDialog: typeof Chunks.preloadDialog = (locale) => {
  if (preloaded) return;
  preloaded = true;
  const texts = __CONSULT_CHUNKS__[`${locale}.dialog` as keyof typeof __CONSULT_CHUNKS__];
  for (const file of [__CONSULT_CHUNKS__.outbox, __CONSULT_CHUNKS__.dialog, ...(texts ? [texts] : [])]) preload(file);
};

/** A modulepreload link for a chunk (see chunkUrl), once per URL. */
const preloading = new Set<string>();
function preload(file: string): void {
  const href = chunkUrl(file);
  if (preloading.has(href)) return;
  preloading.add(href);
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = href;
  link.nonce = scriptNonce();
  document.head.append(link);
}
