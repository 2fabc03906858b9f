import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConsultEventMap } from '../../events.js';

/** DOM event → the dataLayer event name tag managers see. */
const FORWARDED = {
  'consult-open': 'consult_open',
  'consult-submit': 'consult_submit',
  'consult-success': 'consult_success',
  'consult-error': 'consult_error',
  'consult-contact': 'consult_contact',
} as const satisfies Partial<Record<keyof ConsultEventMap, string>>;

type DataLayer = { push(...items: unknown[]): unknown };

/**
 * Google Tag Manager and GA4 read window.dataLayer: when the page has one, each of the widget's
 * events is pushed as { event: "consult_open", …detail }. Details carry ids and outcomes
 * (form id, inquiry id, status, contact method), never what patients typed.
 */
export class AnalyticsController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  private readonly forward = (event: Event) => {
    const name = FORWARDED[event.type as keyof typeof FORWARDED];
    const detail = (event as CustomEvent<Record<string, unknown>>).detail ?? {};
    try {
      // Read inside: an <iframe name="dataLayer"> of another origin makes it a window whose
      // properties throw when read.
      const layer = (window as { dataLayer?: unknown }).dataLayer as DataLayer | undefined;
      if (layer && typeof layer.push === 'function') layer.push({ event: name, ...detail });
    } catch {
      // A page's own dataLayer wrapper throwing is never the widget's to surface.
    }
  };

  hostConnected(): void {
    for (const type of Object.keys(FORWARDED)) this.host.addEventListener(type, this.forward);
  }

  hostDisconnected(): void {
    for (const type of Object.keys(FORWARDED)) this.host.removeEventListener(type, this.forward);
  }
}
