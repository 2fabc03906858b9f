/**
 * A link the widget renders from configuration, as one more lock after the configuration check:
 * only web, phone, text-message and mail links, or a path of this site, and a path against the
 * page's address rather than document.baseURI (a <base> in a review would take it elsewhere).
 * Undefined for anything else, which is then not rendered.
 */
export function linkHref(url: string | undefined): string | undefined {
  if (!url || !/^(?:https?:|tel:|sms:|mailto:|\/(?![/\\]))/i.test(url)) return undefined;
  return url.startsWith('/') ? new URL(url, location.href).href : url;
}
