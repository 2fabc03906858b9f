import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * How far a phone shrinks a page laid out wider than itself: without <meta name="viewport">
 * (older sites made for desktops) the page is 980px wide, or as wide as its content, shown at
 * about 40% on a phone, and our buttons and form with it, too small to read or tap. The width
 * fixed elements are placed in over the screen's (at the page's scale, so a patient's pinch zoom
 * does not change it), rounded up; 1 on a page laid out as wide as the screen.
 */
function pageFit(): number {
  const vv = visualViewport;
  const screen = vv ? vv.width * vv.scale : innerWidth;
  return (document.scrollingElement ?? document.documentElement).clientWidth > screen * 1.1 ? Math.min(Math.ceil((innerWidth / screen) * 100) / 100, 3) : 1;
}

/**
 * Whether the column folds into one launcher: narrower than `collapseBelow` (innerWidth, like
 * a media query), or a phone on its side; and how much we are scaled up on a page shrunk to fit a
 * phone (--_fit, read by the styles). Worked out before each render, after the settings; the
 * widget asks for a render on resize.
 */
export class LayoutController implements ReactiveController {
  compact = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly collapseBelow: () => number | undefined,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const fit = pageFit();
    this.host.style.setProperty('--_fit', String(fit));
    this.compact = innerWidth / fit < (this.collapseBelow() ?? 1024) || innerHeight / fit <= 520;
  }
}
