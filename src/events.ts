/**
 * Every event the widget dispatches, typed in one place. They bubble and are composed, so a
 * listener on <consult-widget> or on document receives them. Details carry ids, never what
 * the patient typed: analytics hooks should not be handed names and phone numbers.
 */
/** back: the browser's back button or gesture (the page stays). */
export type CloseReason = 'close-button' | 'escape' | 'back' | 'api' | 'done';
/**
 * network / timeout: the endpoint could not be reached in time (after the automatic tries);
 * http: it answered an error status; redirect: it answered with a redirect, which is never
 * followed; too-large: over 16 KB; rate-limit: this browser sent too many inquiries in a
 * short time.
 */
/** `unexpected`: the send broke in this page before any answer (a page script in the way). */
export type FailureReason = 'network' | 'timeout' | 'http' | 'redirect' | 'too-large' | 'rate-limit' | 'unexpected';
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

export type ContactMethod = 'phone' | 'kakao' | 'blog' | 'directions';
export interface ConsultContactDetail {
  /**
   * Which way to the clinic a patient followed: a link button (a call, the KakaoTalk channel,
   * the blog, the map), or in the dialog the map link or a phone link.
   */
  method: ContactMethod;
}

export interface ConsultEventMap {
  'consult-contact': CustomEvent<ConsultContactDetail>;
  'consult-open': CustomEvent<ConsultOpenDetail>;
  'consult-queued': CustomEvent<ConsultSubmitDetail>;
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
