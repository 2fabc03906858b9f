import { LINK_URL } from '../schema/url.js';

// Enough for a policy document: headings, paragraphs, lists and tables. Anything else is
// unwrapped to its text; no attribute survives except a checked href and table spans.
const KEEP = new Set(
  'P BR UL OL LI STRONG B EM I U H1 H2 H3 H4 H5 H6 TABLE CAPTION THEAD TBODY TFOOT TR TH TD DL DT DD BLOCKQUOTE HR SMALL SUB SUP SECTION ARTICLE DIV SPAN A'.split(' '),
);
// Page chrome goes too: a policy fetched from a CMS page should not bring its menu and footer.
const DROP = new Set(
  'SCRIPT STYLE TEMPLATE IFRAME FRAME OBJECT EMBED NOSCRIPT SVG MATH HEAD TITLE FORM INPUT BUTTON SELECT TEXTAREA IMG VIDEO AUDIO CANVAS LINK META BASE NAV HEADER FOOTER ASIDE'.split(
    ' ',
  ),
);

/**
 * Turns untrusted policy HTML into fresh DOM built from an allow-list. DOMParser gives an
 * inert document (no scripts run, nothing loads), and we copy only what we recognise out of it,
 * so nothing from the source document is ever adopted as-is. A page's <main> or <article> is
 * preferred to its whole body; relative links resolve against `base` (the policy's own URL).
 * Returns one element, so it can be shown again after the dialog is closed and reopened.
 */
export function sanitizeHtml(markup: string, base?: string): HTMLElement {
  const source = new DOMParser().parseFromString(markup, 'text/html');
  if (base) source.head.append(Object.assign(source.createElement('base'), { href: base }));
  const out = document.createElement('div');
  copyChildren(source.querySelector('main, article') ?? source.body, out);
  return out;
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
