/**
 * Stops the host page scrolling behind an open dialog, and puts back exactly what the page
 * had afterwards. Inline styles through the CSSOM, which a strict style-src CSP allows.
 * Counted, so two locks (two widgets, or a reopen during close) release only once both end.
 */
let holders = 0;
let saved: { html: string; body: string; padding: string } | undefined;

export function lockScroll(): () => void {
  const { documentElement: html, body } = document;
  if (holders++ === 0) {
    const scrollbar = window.innerWidth - html.clientWidth;
    saved = { html: html.style.overflow, body: body.style.overflow, padding: body.style.paddingRight };
    html.style.overflow = 'hidden';
    body.style.overflow = 'hidden';
    // Without this the page jumps sideways when the scrollbar disappears.
    if (scrollbar > 0) body.style.paddingRight = `${scrollbar}px`;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0 && saved) {
      html.style.overflow = saved.html;
      body.style.overflow = saved.body;
      body.style.paddingRight = saved.padding;
      saved = undefined;
    }
  };
}
