/** The script tag the widget came from: chunks load relative to its URL, preloaded with its CSP nonce. */
let script: HTMLScriptElement | undefined;
export const scriptBase = (): string => script?.src || document.baseURI;
/** A page whose script-src allows scripts by nonce only refuses a preload link without it. */
export const scriptNonce = (): string => script?.nonce || '';
export function setScriptBase(tag: HTMLScriptElement): void {
  script = tag;
}
