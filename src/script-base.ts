/**
 * The script tag the widget came from, as it was when the script ran (a page's script may change
 * the tag later): chunks load relative to its URL, and are preloaded with its CSP nonce.
 */
let base = '';
let nonce = '';
export const scriptBase = (): string => base || document.baseURI;
/** A page whose script-src allows scripts by nonce only refuses a preload link without it. */
export const scriptNonce = (): string => nonce;
export function setScriptBase(tag: HTMLScriptElement): void {
  base = tag.src;
  nonce = tag.nonce ?? '';
}
