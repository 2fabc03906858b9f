/**
 * Every event the widget dispatches, typed in one place. They bubble and are composed, so a
 * listener on <consult-widget> or on document receives them. Details carry ids, never what
 * the patient typed: analytics hooks should not be handed names and phone numbers.
 */
export type CloseReason = 'close-button' | 'escape' | 'api' | 'done';
export type FailureReason = 'network' | 'timeout' | 'http' | 'invalid';
export type DialogView = { type: 'form'; formId: string } | { type: 'directions' };

export interface ConsultOpenDetail {
  /** The form's id, or "directions" for the directions panel. */
  formId: string;
}
export interface ConsultCloseDetail {
  formId: string;
  reason: CloseReason;
}
export interface ConsultSubmitDetail {
  formId: string;
  inquiryId: string;
}
export interface ConsultSuccessDetail extends ConsultSubmitDetail {
  status: number;
}
export interface ConsultErrorDetail extends ConsultSubmitDetail {
  reason: FailureReason;
  status?: number;
}

export interface ConsultEventMap {
  'consult-open': CustomEvent<ConsultOpenDetail>;
  'consult-close': CustomEvent<ConsultCloseDetail>;
  'consult-submit': CustomEvent<ConsultSubmitDetail>;
  'consult-success': CustomEvent<ConsultSuccessDetail>;
  'consult-error': CustomEvent<ConsultErrorDetail>;
}

declare global {
  interface GlobalEventHandlersEventMap extends ConsultEventMap {}
}

type DetailOf<K extends keyof ConsultEventMap> = ConsultEventMap[K] extends CustomEvent<infer D> ? D : never;

export function emit<K extends keyof ConsultEventMap>(target: EventTarget, type: K, detail: DetailOf<K>): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

export function viewId(view: DialogView): string {
  return view.type === 'form' ? view.formId : 'directions';
}
