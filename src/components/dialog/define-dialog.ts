import { ConsultDialog } from './dialog.js';

/** The dialog chunk's entry: loaded on the first click, registered once however often it is imported. */
export function defineDialog(): void {
  if (!customElements.get('consult-dialog')) customElements.define('consult-dialog', ConsultDialog);
}
