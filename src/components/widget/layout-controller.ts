import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { pageFit } from '../../util/page-fit.js';

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

  /** The scale last set (see pageFit); set on the element only when the page is shrunk, and when it changes. */
  private fit = 1;

  hostUpdate(): void {
    const fit = pageFit();
    if (fit !== this.fit) {
      if (fit > 1) this.host.style.setProperty('--_fit', String(fit));
      else this.host.style.removeProperty('--_fit');
      this.fit = fit;
    }
    this.compact = innerWidth / fit < (this.collapseBelow() ?? 1024) || innerHeight / fit <= 520;
  }
}
