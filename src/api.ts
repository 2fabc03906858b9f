import type { ConfigInput } from './config/merge.js';
import type { ConsultWidget } from './components/widget/widget.js';

/** `window.ConsultWidget`: exists as soon as the script tag runs; calls made early are queued. */
export interface ConsultWidgetApi {
  /** Opens a form ("cost", "kakao", "consult", or a configured id) or "directions". Resolves false when it cannot. */
  open(formId?: string): Promise<boolean>;
  close(): void;
  /** Adds settings on top of the JSON block and data attributes. */
  configure(partial: ConfigInput): void;
  /** The mounted element, once the widget has started. */
  element?: ConsultWidget;
}

/** What the classic loader hands to the module it loads. */
export interface LoaderHandoff {
  dataset: Record<string, string | undefined>;
  queue: Array<[keyof Pick<ConsultWidgetApi, 'open' | 'close' | 'configure'>, unknown[], (result: unknown) => void]>;
  api: ConsultWidgetApi;
}

declare global {
  interface Window {
    ConsultWidget?: ConsultWidgetApi;
  }
}
