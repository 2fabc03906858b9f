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

  hostUpdate(): void {
    const fit = pageFit();
    this.host.style.setProperty('--_fit', String(fit));
    this.compact = innerWidth / fit < (this.collapseBelow() ?? 1024) || innerHeight / fit <= 520;
  }
}
