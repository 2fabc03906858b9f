import { ConsultDialog } from './dialog.js';

/**
 * The dialog's parts, exported through <consult-widget> under the same names, so
 * consult-widget::part(submit) styles its send button. They ship with the dialog, which the
 * buttons do not need.
 */
export const DIALOG_PARTS =
  'dialog, header, title, close-button, body, intro, reply-time, field, error, consent, consent-marketing-notice, consent-sensitive-notice, consent-age14-notice, policy-toggle, policy, consent-privacy, consent-marketing, consent-sensitive, consent-age, marketing-toggle, alert, submit, sending-note, success, success-phone, directions, map-link';

/** The dialog chunk's entry: loaded on the first click, registered once however often it is imported. */
export function defineDialog(): void {
  if (!customElements.get('consult-dialog')) customElements.define('consult-dialog', ConsultDialog);
}
