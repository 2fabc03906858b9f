/**
 * Stops the host page scrolling behind an open dialog, and puts back exactly what the page
 * had afterwards, down to not leaving an empty style="" behind. Inline styles are changed
 * through the CSSOM, which a strict style-src CSP allows (setAttribute('style') it does not).
 * Counted, so overlapping locks release only when the last one ends.
 */
let holders = 0;
let restore: (() => void) | undefined;

function setStyle(el: HTMLElement, property: 'overflow' | 'scrollbarGutter', value: string): () => void {
  const hadAttribute = el.hasAttribute('style');
  const before = el.style[property];
  el.style[property] = value;
  return () => {
    el.style[property] = before;
    if (!hadAttribute && el.getAttribute('style') === '') el.removeAttribute('style');
  };
}

export function lockScroll(): () => void {
  if (holders++ === 0) {
    const { documentElement: html, body } = document;
    const scrollbar = window.innerWidth - html.clientWidth;
    const undo = [setStyle(html, 'overflow', 'hidden'), setStyle(body, 'overflow', 'hidden')];
    // Keeps the scrollbar's space, so neither the page nor our fixed buttons jump sideways.
    if (scrollbar > 0) undo.push(setStyle(html, 'scrollbarGutter', 'stable'));
    restore = () => undo.reverse().forEach((fn) => fn());
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0) {
      restore?.();
      restore = undefined;
    }
  };
}
