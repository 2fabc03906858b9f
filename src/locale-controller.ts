import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onLocaleChange } from './localization.js';

/** Renders its element again whenever the widget's texts change language (or grow, when the dialog's arrive). */
export class LocaleController implements ReactiveController {
  private stop?: () => void;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.stop = onLocaleChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = undefined;
  }
}
