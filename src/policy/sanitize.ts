import { LINK_URL } from '../schema/url.js';

// Enough for a policy document: headings, paragraphs, lists and tables. Anything else is
// unwrapped to its text (a page wrapped in <form>, as some CMSs do, keeps its content); no
// attribute survives except a checked href and table spans.
const KEEP = new Set(
  'P BR UL OL LI STRONG B EM I U H1 H2 H3 H4 H5 H6 TABLE CAPTION THEAD TBODY TFOOT TR TH TD DL DT DD BLOCKQUOTE HR SMALL SUB SUP SECTION ARTICLE DIV SPAN A'.split(' '),
);
// Page chrome goes too: a policy fetched from a CMS page should not bring its menu and footer.
const CHROME = 'NAV HEADER FOOTER ASIDE';
const DROP = new Set(
  `SCRIPT STYLE TEMPLATE IFRAME FRAME OBJECT EMBED NOSCRIPT SVG MATH HEAD TITLE INPUT BUTTON SELECT TEXTAREA IMG VIDEO AUDIO CANVAS LINK META BASE ${CHROME}`.split(' '),
);
const IN_CHROME = CHROME.toLowerCase().split(' ').join(', ');

/**
 * Takes out of the markup, before the HTML parser sees it, what the host page's CSP checks
 * even in an inert document: <style> elements (style-src-elem), and style and on…
 * attributes (style-src-attr, script-src-attr). A strict site would otherwise get a CSP
 * report each time a patient opens a policy with them. All of these are dropped anyway;
 * attributes are renamed (a word joiner after their first letter), so should the pattern meet
 * such a word in running text, it still reads the same.
 */
export function withoutCspTriggers(markup: string): string {
  return withoutStyleElements(markup).replace(/([\t\n\f\r "']|(?<!<)\/)(?:(s)(tyle)|(o)(n[a-z-]*))(?=[\t\n\f\r ]*=|[\t\n\f\r />])/gi, (_, before: string, s?: string, tyle?: string, o?: string, n?: string) =>
      `${before}${s ?? o}\u2060${tyle ?? n}`,
    );
}

/**
 * <style> elements out, each up to its end tag ("</style" then a space, "/" or ">", up to the
 * next ">") or the end. A scan, not one pattern: a notice of unclosed "</style a" tags made a
 * pattern's backtracking take seconds, with the patient's page frozen.
 */
function withoutStyleElements(markup: string): string {
  const open = /<style\b/gi;
  const close = /<\/style(?=[\t\n\f\r />])/gi;
  let out = '';
  let from = 0;
  for (let start; (start = open.exec(markup)); ) {
    out += markup.slice(from, start.index);
    close.lastIndex = open.lastIndex;
    const end = close.exec(markup) ? markup.indexOf('>', close.lastIndex) : -1;
    from = open.lastIndex = end < 0 ? markup.length : end + 1;
  }
  return out + markup.slice(from);
}

let trustedPolicy: { createHTML(input: string): unknown } | null | undefined;

/**
 * An inert document from markup. On a page that requires Trusted Types, DOMParser takes only
 * TrustedHTML, so where the browser has Trusted Types we pass the markup through our own
 * policy ("consult-widget"). It may return the markup unchanged: nothing from this document
 * is ever used as-is (see copyChildren). A page that restricts policy names must allow it.
 */
function parse(markup: string): Document {
  const tt = (window as Window & { trustedTypes?: { createPolicy(name: string, rules: { createHTML(s: string): string }): { createHTML(input: string): unknown } } }).trustedTypes;
  if (tt && trustedPolicy === undefined) {
    try {
      trustedPolicy = tt.createPolicy('consult-widget', { createHTML: (s) => s });
    } catch {
      trustedPolicy = null;
    }
  }
  return new DOMParser().parseFromString((trustedPolicy?.createHTML(markup) ?? markup) as string, 'text/html');
}

/**
 * Turns untrusted policy HTML into fresh DOM built from an allow-list. DOMParser gives an
 * inert document (no scripts run, nothing loads), and we copy only what we recognise out of it,
 * so nothing from the source document is ever adopted as-is. A page's <main>, or else an
 * <article> outside its sidebars and menus, is preferred to its whole body when it has text;
 * relative links resolve against `base` (the policy's own URL).
 * Returns one element, so it can be shown again after the dialog is closed and reopened.
 */
export function sanitizeHtml(markup: string, base?: string): HTMLElement {
  const source = parse(withoutCspTriggers(markup));
  if (base) source.head.append(Object.assign(source.createElement('base'), { href: base }));
  const article = [...source.querySelectorAll('article')].find((a) => !a.closest(IN_CHROME));
  let out = document.createElement('div');
  for (const root of [source.querySelector('main'), article, source.body]) {
    if (!root) continue;
    out = document.createElement('div');
    copyChildren(root, out);
    if (hasText(out)) break;
  }
  return out;
}

/** Whether sanitized content says anything (a client-rendered page's body does not). */
export function hasText(content: Node | string, min = 1): boolean {
  const text = typeof content === 'string' ? content : (content.textContent ?? '');
  return text.replace(/\s+/g, '').length >= min;
}

function copyChildren(from: Node, to: Node): void {
  for (const child of from.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      to.appendChild(document.createTextNode(child.textContent ?? ''));
    } else if (child instanceof Element) {
      const tag = child.tagName.toUpperCase();
      if (DROP.has(tag)) continue;
      if (!KEEP.has(tag)) {
        copyChildren(child, to);
        continue;
      }
      const el = document.createElement(tag.toLowerCase());
      copySafeAttributes(child, el);
      copyChildren(child, el);
      to.appendChild(el);
    }
  }
}

function copySafeAttributes(from: Element, to: HTMLElement): void {
  if (to instanceof HTMLAnchorElement && from instanceof HTMLAnchorElement) {
    // Resolved in the source document, so against its <base>, not the clinic page.
    const href = from.getAttribute('href') ? from.href : '';
    if (href && LINK_URL.test(href)) {
      to.href = href;
      to.target = '_blank';
      to.rel = 'noopener noreferrer';
    }
  }
  for (const name of ['colspan', 'rowspan']) {
    const value = from.getAttribute(name);
    if (value && /^\d{1,2}$/.test(value)) to.setAttribute(name, value);
  }
}
