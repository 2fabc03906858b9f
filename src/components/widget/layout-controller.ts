import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Whether the column folds into one launcher: narrower than `collapseBelow` (innerWidth, like
 * a media query), or a phone on its side. Worked out before each render, after the settings;
 * the widget asks for a render on resize.
 */
export class LayoutController implements ReactiveController {
  compact = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly collapseBelow: () => number | undefined,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    this.compact = innerWidth < (this.collapseBelow() ?? 1024) || innerHeight <= 520;
  }
}
