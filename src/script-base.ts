/** The URL of the script tag the widget came from; chunks load relative to it. */
let base = '';
export const scriptBase = (): string => base || document.baseURI;
export function setScriptBase(url: string): void {
  base = url;
}
