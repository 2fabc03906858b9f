/**
 * How far a phone shrinks a page laid out wider than itself: without <meta name="viewport">
 * (older sites made for desktops) the page is 980px wide, or as wide as its content (often
 * 1200px or more), shown at 25–40% on a phone, and our buttons and form with it, too small to
 * read or tap. The width fixed elements are placed in over the screen's (at the page's scale, so
 * a patient's pinch zoom does not change it), rounded up; 1 on a page as wide as the screen.
 * Scaled up by it (CSS zoom), the widget's viewport units are divided by it.
 */
export function pageFit(): number {
  // Not a phone, or not wider than its screen (a page with a viewport tag): the viewport is not
  // read, which can make the browser lay the page out at once, in our first render.
  if (!matchMedia('(pointer: coarse)').matches || innerWidth <= screen.width * 1.1) return 1;
  const vv = visualViewport;
  const shown = vv ? vv.width * vv.scale : innerWidth;
  const fit = innerWidth / shown;
  return fit > 1.1 && (document.scrollingElement ?? document.documentElement).clientWidth > shown * 1.1 ? Math.min(Math.ceil(fit * 100) / 100, 5) : 1;
}
